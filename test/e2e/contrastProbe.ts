/**
 * Measures WCAG contrast inside the chat webview, as the page draws it: each text's computed colour
 * against its effective background (the first opaque background up its ancestors, with the
 * translucent ones on the way blended over it; the text's own alpha and its ancestors' opacity
 * blended in as well). `probeContrast` runs in the page (passed to `frame.evaluate`), so it is
 * self-contained: no imports, no helpers outside its body.
 */

/** One named thing to measure: every visible match of `selector` (its `pseudo` element if given). */
export interface ContrastTarget {
  name: string;
  selector: string;
  pseudo?: '::placeholder';
  /** `border`: the element's top border against the background around the element (UI component rule). */
  kind?: 'text' | 'border';
}

export interface ContrastFigure {
  name: string;
  /** How many visible elements matched; 0 means the thing was not on screen. */
  count: number;
  /** The lowest ratio among them, and that element's colours and text. */
  ratio: number;
  foreground: string;
  background: string;
  sample: string;
}

export interface ContrastProbeResult {
  figures: ContrastFigure[];
  /** Every visible text in the view (elements holding text, form fields) below `minimum`. */
  sweepFailures: ContrastFigure[];
  sweepCount: number;
}

export function probeContrast(input: { targets: ContrastTarget[]; minimum: number }): ContrastProbeResult {
  type Rgba = [number, number, number, number];
  // Computed colours are rgb()/rgba(), or color(srgb …) with 0..1 channels where color-mix() was used.
  const parse = (css: string): Rgba => {
    const match = /^(rgba?|color)\((?:srgb\s+)?([^)]+)\)$/.exec(css.trim());
    if (!match) throw new Error(`unexpected computed colour ${css}`);
    const parts = match[2]!.split(/[\s,/]+/).filter((part) => part !== '').map(Number);
    const scale = match[1] === 'color' ? 255 : 1;
    return [parts[0]! * scale, parts[1]! * scale, parts[2]! * scale, parts[3] ?? 1];
  };
  const over = (top: Rgba, under: Rgba): Rgba => {
    const a = top[3];
    return [top[0] * a + under[0] * (1 - a), top[1] * a + under[1] * (1 - a), top[2] * a + under[2] * (1 - a), 1];
  };
  const luminance = (c: Rgba): number => {
    const lin = (v: number): number => {
      const s = v / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2]);
  };
  const ratioOf = (a: Rgba, b: Rgba): number => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
    return (hi + 0.05) / (lo + 0.05);
  };
  const hex = (c: Rgba): string => `#${c.slice(0, 3).map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
  // The background an element's text sits on: translucent layers blended down to the first opaque one.
  const backgroundOf = (start: Element | null): Rgba => {
    const layers: Rgba[] = [];
    for (let node = start; node; node = node.parentElement) {
      const color = parse(getComputedStyle(node).backgroundColor);
      if (color[3] > 0) layers.push(color);
      if (color[3] >= 1) break;
    }
    let result: Rgba = [255, 255, 255, 1];
    for (const layer of layers.reverse()) result = over(layer, result);
    return result;
  };
  const opacityOf = (start: Element): number => {
    let product = 1;
    for (let node: Element | null = start; node; node = node.parentElement) product *= Number(getComputedStyle(node).opacity);
    return product;
  };
  const visible = (el: Element): boolean => el.getClientRects().length > 0 && getComputedStyle(el).visibility === 'visible';
  const measure = (el: Element, target: Pick<ContrastTarget, 'pseudo' | 'kind'>): { ratio: number; fg: Rgba; bg: Rgba } => {
    if (target.kind === 'border') {
      const bg = backgroundOf(el.parentElement);
      const border = parse(getComputedStyle(el).borderTopColor);
      const fg = over(border, bg);
      return { ratio: ratioOf(fg, bg), fg, bg };
    }
    const bg = backgroundOf(el);
    const own = parse(getComputedStyle(el, target.pseudo ?? null).color);
    const fg = over([own[0], own[1], own[2], own[3] * opacityOf(el)], bg);
    return { ratio: ratioOf(fg, bg), fg, bg };
  };
  const describe = (el: Element): string => {
    const text = el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement ? el.value || el.placeholder : (el.textContent ?? '');
    return text.replace(/\s+/g, ' ').trim().slice(0, 40);
  };
  const pathOf = (el: Element): string => {
    const parts: string[] = [];
    for (let node: Element | null = el; node && node !== document.body && parts.length < 3; node = node.parentElement) {
      parts.unshift(node.tagName.toLowerCase() + [...node.classList].slice(0, 2).map((c) => `.${c}`).join(''));
    }
    return parts.join(' > ');
  };
  const figure = (name: string, elements: Element[], target: Pick<ContrastTarget, 'pseudo' | 'kind'>): ContrastFigure => {
    let worst: ContrastFigure = { name, count: elements.length, ratio: Infinity, foreground: '', background: '', sample: '' };
    for (const el of elements) {
      const { ratio, fg, bg } = measure(el, target);
      if (ratio < worst.ratio) worst = { name, count: elements.length, ratio, foreground: hex(fg), background: hex(bg), sample: describe(el) };
    }
    return worst;
  };
  const figures = input.targets.map((target) =>
    figure(target.name, [...document.querySelectorAll(target.selector)].filter(visible), target),
  );
  // Every text on screen, named or not. Disabled controls are exempt (WCAG 1.4.3 "inactive").
  const holdsText = (el: Element): boolean =>
    el.matches('select, textarea, input[type="text"], input[type="number"]') ||
    [...el.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && (node.textContent ?? '').trim() !== '');
  const swept = [...document.body.querySelectorAll('*')].filter((el) => holdsText(el) && visible(el) && !el.closest(':disabled, script, style'));
  const sweepFailures = swept
    .map((el) => figure(pathOf(el), [el], {}))
    .filter((result) => result.ratio < input.minimum);
  return { figures, sweepFailures, sweepCount: swept.length };
}
