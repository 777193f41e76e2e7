"""Abstract illustrations drawn with Pillow: no download, no font, reproducible.

Each picture comes from a hue (0-359), a motif and a seed (the record's slug): the hue
gives a calm palette, the motif the composition, the seed small variations, so that
two records with the same motif still look different.
"""

import colorsys
import io
import math
import random

from PIL import Image, ImageDraw

MOTIFS = ("arches", "waves", "grid", "hills", "islands", "gears", "leaves", "sun")
SCALE = 2  # drawn at twice the size, then reduced: smooth edges without anti-aliasing code


def hsl(hue: float, saturation: float, lightness: float) -> tuple[int, int, int]:
    red, green, blue = colorsys.hls_to_rgb((hue % 360) / 360, lightness, saturation)
    return round(red * 255), round(green * 255), round(blue * 255)


class Palette:
    def __init__(self, hue: int):
        self.background = hsl(hue, 0.38, 0.93)
        self.pale = hsl(hue, 0.42, 0.82)
        self.light = hsl(hue, 0.45, 0.68)
        self.mid = hsl(hue, 0.48, 0.52)
        self.deep = hsl(hue, 0.52, 0.36)
        self.dark = hsl(hue, 0.45, 0.22)
        self.accent = hsl(hue + 35, 0.62, 0.64)
        self.complement = hsl(hue + 180, 0.40, 0.60)

    @property
    def tones(self):
        return [self.pale, self.light, self.mid, self.deep]


def _vertical_gradient(image, top, bottom, box=None):
    draw = ImageDraw.Draw(image)
    left, upper, right, lower = box or (0, 0, image.width, image.height)
    height = max(lower - upper, 1)
    for y in range(upper, lower):
        t = (y - upper) / height
        colour = tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        draw.line([(left, y), (right, y)], fill=colour)


def _wave_polygon(width, height, base, amplitude, wavelength, phase, steps=120):
    points = [(0, height)]
    for index in range(steps + 1):
        x = width * index / steps
        y = base + amplitude * math.sin(2 * math.pi * x / wavelength + phase)
        points.append((x, y))
    points.append((width, height))
    return points


def _arched_opening(draw, left, top, width, bottom, colour):
    bottom = max(bottom, top + width)
    draw.rectangle([left, top + width / 2, left + width, bottom], fill=colour)
    draw.ellipse([left, top, left + width, top + width], fill=colour)


def _arches(draw, width, height, palette, rng):
    sun = height * 0.2
    sun_x = width * rng.uniform(0.62, 0.85)
    draw.ellipse([sun_x, height * 0.08, sun_x + sun, height * 0.08 + sun], fill=palette.accent)
    # a building behind, then the arcade in front
    back_top = height * rng.uniform(0.14, 0.22)
    back_left = width * rng.uniform(0.0, 0.2)
    draw.rectangle([back_left, back_top, back_left + width * 0.55, height], fill=palette.pale)
    for index in range(5):
        left = back_left + width * (0.04 + index * 0.1)
        _arched_opening(
            draw,
            left,
            back_top + height * 0.05,
            width * 0.05,
            back_top + height * 0.16,
            palette.light,
        )
    front_top = height * rng.uniform(0.42, 0.5)
    draw.rectangle([0, front_top, width, height], fill=palette.mid)
    draw.rectangle([0, front_top - height * 0.03, width, front_top], fill=palette.deep)
    count = rng.choice([4, 5, 6])
    bay = width / count
    opening = bay * rng.uniform(0.58, 0.7)
    for index in range(count):
        left = index * bay + (bay - opening) / 2
        _arched_opening(draw, left, front_top + height * 0.1, opening, height * 0.9, palette.dark)
    draw.rectangle([0, height * 0.9, width, height], fill=palette.light)


def _waves(draw, width, height, palette, rng):
    draw.ellipse(
        [width * 0.15, height * 0.12, width * 0.15 + height * 0.3, height * 0.42],
        fill=palette.accent,
    )
    colours = [palette.pale, palette.light, palette.mid, palette.deep, palette.dark]
    for index, colour in enumerate(colours):
        base = height * (0.42 + index * 0.12)
        points = _wave_polygon(
            width,
            height,
            base,
            amplitude=height * rng.uniform(0.025, 0.05),
            wavelength=width * rng.uniform(0.28, 0.5),
            phase=rng.uniform(0, 2 * math.pi),
        )
        draw.polygon(points, fill=colour)


def _grid(draw, width, height, palette, rng):
    columns, rows = 8, 5
    margin = width * 0.06
    cell_w = (width - 2 * margin) / columns
    cell_h = (height - 2 * margin) / rows
    pad = min(cell_w, cell_h) * 0.12
    colours = [*palette.tones, palette.accent, palette.complement]
    weights = [5, 4, 3, 2, 1, 1]
    for row in range(rows):
        for column in range(columns):
            left = margin + column * cell_w + pad
            top = margin + row * cell_h + pad
            box = [left, top, left + cell_w - 2 * pad, top + cell_h - 2 * pad]
            colour = rng.choices(colours, weights=weights)[0]
            shape = rng.random()
            if shape < 0.7:
                draw.rounded_rectangle(box, radius=pad * 1.5, fill=colour)
            elif shape < 0.9:
                draw.ellipse(box, fill=colour)
            else:
                draw.rounded_rectangle(
                    box, radius=pad * 1.5, outline=palette.deep, width=round(pad / 2)
                )


def _hills(draw, width, height, palette, rng):
    sun_x = width * rng.uniform(0.6, 0.85)
    draw.ellipse([sun_x, height * 0.1, sun_x + height * 0.22, height * 0.32], fill=palette.accent)
    colours = [palette.pale, palette.light, palette.mid, palette.deep]
    for index, colour in enumerate(colours):
        base = height * (0.45 + index * 0.13)
        points = _wave_polygon(
            width,
            height,
            base,
            amplitude=height * rng.uniform(0.06, 0.1),
            wavelength=width * rng.uniform(0.7, 1.3),
            phase=rng.uniform(0, 2 * math.pi),
        )
        draw.polygon(points, fill=colour)
    # a row of cypress-like trees on the nearest hill
    for _ in range(rng.randint(3, 6)):
        x = rng.uniform(0.05, 0.95) * width
        y = height * rng.uniform(0.7, 0.8)
        tree_h = height * rng.uniform(0.1, 0.16)
        draw.ellipse([x - tree_h * 0.14, y - tree_h, x + tree_h * 0.14, y], fill=palette.dark)


def _islands(draw, width, height, palette, rng):
    horizon = height * 0.55
    draw.rectangle([0, horizon, width, height], fill=palette.light)
    sun = height * 0.18
    draw.ellipse(
        [width * 0.78, height * 0.12, width * 0.78 + sun, height * 0.12 + sun], fill=palette.accent
    )
    for _ in range(16):
        x = rng.uniform(0, width)
        y = rng.uniform(horizon + 10, height)
        length = width * rng.uniform(0.02, 0.06)
        draw.line([(x, y), (x + length, y)], fill=palette.pale, width=max(2, round(height / 200)))
    slots = rng.sample(range(5), 3)
    islands = [
        ((slot + rng.uniform(0.25, 0.75)) * width / 5, horizon + rng.uniform(0.02, 0.3) * height)
        for slot in slots
    ]
    for cx, base in sorted(islands, key=lambda item: item[1]):
        w = width * rng.uniform(0.22, 0.34) * (0.7 + (base - horizon) / height)
        h = w * rng.uniform(0.22, 0.38)
        draw.chord([cx - w / 2, base - h, cx + w / 2, base + h], 180, 360, fill=palette.deep)
        peak = cx + rng.uniform(-0.15, 0.15) * w
        draw.chord(
            [peak - w * 0.3, base - h * 1.25, peak + w * 0.3, base + h * 1.25],
            180,
            360,
            fill=palette.mid,
        )
        draw.chord(
            [cx - w / 2, base - h * 0.25, cx + w / 2, base + h * 0.25], 0, 180, fill=palette.mid
        )


def _gear(draw, cx, cy, radius, teeth, colour, hole):
    points = []
    for index in range(teeth * 4):
        angle = 2 * math.pi * index / (teeth * 4)
        r = radius * (1.0 if (index // 2) % 2 == 0 else 0.82)
        points.append((cx + r * math.cos(angle), cy + r * math.sin(angle)))
    draw.polygon(points, fill=colour)
    inner = radius * 0.35
    draw.ellipse([cx - inner, cy - inner, cx + inner, cy + inner], fill=hole)


def _gears(draw, width, height, palette, rng):
    gears = [
        (width * 0.3, height * 0.5, height * 0.34, 12, palette.deep),
        (width * 0.58, height * 0.36, height * 0.22, 9, palette.mid),
        (width * 0.74, height * 0.68, height * 0.26, 10, palette.light),
        (width * 0.12, height * 0.18, height * 0.12, 7, palette.accent),
    ]
    for cx, cy, radius, teeth, colour in gears:
        cx += rng.uniform(-0.03, 0.03) * width
        cy += rng.uniform(-0.04, 0.04) * height
        _gear(draw, cx, cy, radius, teeth, colour, palette.background)


def _leaf(image, cx, cy, length, angle, colour, vein):
    size = round(length * 1.2)
    leaf = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    leaf_draw = ImageDraw.Draw(leaf)
    half = size / 2
    leaf_draw.ellipse(
        [half - length * 0.22, half - length / 2, half + length * 0.22, half + length / 2],
        fill=colour,
    )
    leaf_draw.line(
        [(half, half - length / 2), (half, half + length / 2)],
        fill=vein,
        width=max(2, round(length / 60)),
    )
    for step in range(1, 4):
        y = half - length / 2 + step * length / 4
        leaf_draw.line(
            [(half, y), (half + length * 0.14, y - length * 0.08)],
            fill=vein,
            width=max(1, round(length / 90)),
        )
        leaf_draw.line(
            [(half, y), (half - length * 0.14, y - length * 0.08)],
            fill=vein,
            width=max(1, round(length / 90)),
        )
    rotated = leaf.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True)
    image.alpha_composite(rotated, (round(cx - rotated.width / 2), round(cy - rotated.height / 2)))


def _leaves(draw, width, height, palette, rng, image):
    colours = [palette.light, palette.mid, palette.deep, palette.complement]
    for _ in range(16):
        _leaf(
            image,
            rng.uniform(0.05, 0.95) * width,
            rng.uniform(0.08, 0.92) * height,
            height * rng.uniform(0.22, 0.42),
            rng.uniform(0, 360),
            (*rng.choice(colours), 255),
            (*palette.pale, 255),
        )


def _sun(draw, width, height, palette, rng):
    horizon = height * rng.uniform(0.6, 0.68)
    cx = width * rng.uniform(0.4, 0.6)
    radius = height * 0.22
    for index in range(24):
        angle = math.pi + math.pi * index / 23
        inner = radius * 1.25
        outer = radius * rng.uniform(1.7, 2.2)
        draw.line(
            [
                (cx + inner * math.cos(angle), horizon + inner * math.sin(angle)),
                (cx + outer * math.cos(angle), horizon + outer * math.sin(angle)),
            ],
            fill=palette.accent,
            width=max(3, round(height / 90)),
        )
    draw.ellipse(
        [cx - radius, horizon - radius, cx + radius, horizon + radius], fill=palette.accent
    )
    for index, colour in enumerate([palette.light, palette.mid, palette.deep, palette.dark]):
        top = horizon + index * (height - horizon) / 4
        draw.rectangle([0, top, width, height], fill=colour)


DRAWERS = {
    "arches": _arches,
    "waves": _waves,
    "grid": _grid,
    "hills": _hills,
    "islands": _islands,
    "gears": _gears,
    "sun": _sun,
}


def illustration(
    hue: int, motif: str, seed: str = "", size: tuple[int, int] = (1200, 675)
) -> Image.Image:
    """The picture as a Pillow image (RGB)."""
    if motif not in MOTIFS:
        raise ValueError(f"unknown motif {motif!r} (expected one of {', '.join(MOTIFS)})")
    rng = random.Random(f"{seed}:{hue}:{motif}")  # noqa: S311 (pictures, not secrets)
    palette = Palette(hue)
    width, height = size[0] * SCALE, size[1] * SCALE
    image = Image.new("RGBA", (width, height), (*palette.background, 255))
    if motif in ("waves", "islands", "sun", "hills"):
        _vertical_gradient(
            image, palette.background, palette.pale, (0, 0, width, round(height * 0.7))
        )
    draw = ImageDraw.Draw(image)
    if motif == "leaves":
        _leaves(draw, width, height, palette, rng, image)
    else:
        DRAWERS[motif](draw, width, height, palette, rng)
    image = image.convert("RGB").resize(size, Image.Resampling.LANCZOS)
    return image


def illustration_bytes(
    hue: int, motif: str, seed: str = "", size: tuple[int, int] = (1200, 675)
) -> bytes:
    """The picture encoded as PNG (flat colours compress well, and the file is lossless)."""
    buffer = io.BytesIO()
    illustration(hue, motif, seed, size).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
