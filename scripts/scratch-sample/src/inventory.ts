export interface Item {
  sku: string;
  count: number;
  price: number;
}

/** Adds `amount` units of `sku`; unknown SKUs are left alone. */
export function restock(items: Item[], sku: string, amount: number): Item[] {
  return items.map((item) => (item.sku === sku ? { ...item, count: item.count + amount } : item));
}

export function stockValue(items: Item[]): number {
  let total = 0;
  for (const item of items) total += item.count * item.price;
  return total;
}
