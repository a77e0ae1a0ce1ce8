#!/usr/bin/env python3
"""Draws virkplan's application icon and writes assets/virkplan.ico (16, 24, 32, 48, 64, 128 and
256 px) and assets/virkplan.png (256 px, the window icon).

A plan page with a blue title band, three text lines and a green check mark: "a plan that is
followed up". Each size is drawn on its own (not scaled down from 256 px), so the small sizes
stay sharp. Needs Pillow (`python3 -m venv /tmp/icon && /tmp/icon/bin/pip install pillow`).
The .ico is committed; run this only to change the icon.
"""
from pathlib import Path

from PIL import Image, ImageDraw

BLUE = (0x15, 0x65, 0xC0, 255)  # theme: status "done"
GREEN = (0x2E, 0x7D, 0x32, 255)  # theme: status "on track"
PAGE = (255, 255, 255, 255)
EDGE = (0x3A, 0x4A, 0x5C, 255)
LINE = (0x9A, 0xA5, 0xB1, 255)
SIZES = [16, 24, 32, 48, 64, 128, 256]


def draw(size: int) -> Image.Image:
    scale = 4  # draw large, then reduce: smooth edges
    s = size * scale
    img = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)

    def px(v: float) -> int:
        return round(v * s)

    edge = max(scale, px(0.035))
    # The page, with a folded top-right corner.
    left, top, right, bottom, fold = 0.14, 0.05, 0.86, 0.95, 0.2
    page = [(px(left), px(top)), (px(right - fold), px(top)), (px(right), px(top + fold)),
            (px(right), px(bottom)), (px(left), px(bottom))]
    d.polygon(page, fill=PAGE, outline=EDGE, width=edge)
    d.polygon([(px(right - fold), px(top)), (px(right - fold), px(top + fold)),
               (px(right), px(top + fold))], fill=LINE, outline=EDGE, width=edge)
    # The title band.
    d.rectangle([px(left + 0.08), px(0.15), px(right - fold - 0.04), px(0.27)], fill=BLUE)
    # Text lines (fewer on the smallest sizes, where they would merge).
    lines = [0.38, 0.49, 0.60] if size >= 32 else [0.42, 0.56]
    for y in lines:
        d.rectangle([px(left + 0.08), px(y), px(right - 0.09), px(y + 0.05)], fill=LINE)
    # The check mark, over the lower right of the page.
    w = max(2 * scale, px(0.11))
    d.line([(px(0.34), px(0.72)), (px(0.50), px(0.87)), (px(0.93), px(0.40))],
           fill=GREEN, width=w, joint="curve")
    return img.resize((size, size), Image.LANCZOS)


def main() -> None:
    assets = Path(__file__).resolve().parent.parent / "assets"
    images = [draw(n) for n in SIZES]
    images[-1].save(assets / "virkplan.ico", format="ICO", sizes=[(n, n) for n in SIZES],
                    append_images=images[:-1])
    images[-1].save(assets / "virkplan.png")


if __name__ == "__main__":
    main()
