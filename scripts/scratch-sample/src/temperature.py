def to_fahrenheit(celsius):
    return celsius * 9 / 5 + 32


def warmest(readings):
    best = None
    for city, celsius in readings.items():
        if best is None or celsius > readings[best]:
            best = city
    return best
