#!/usr/bin/env python3
"""Generate the example evidence scans under data/jinzhong/*/evidence/.

The example clusters need 佐证材料 that look like what a county office really sends: A4 pages
scanned at 150 dpi on slightly yellowish paper, a touch of noise and skew, official documents
with red heads and red round seals, certificates, tables, a photo taken sideways, a landscape
table, a Letter-size page from abroad, a multi-page TIFF. Formats are mixed as counties send
them (mostly JPEG, some PNG, multi-page PDF, one TIFF).

What the scans say is data, not code: each cluster's `evidence.src.yaml` lists the documents of
every evidence folder (file name, kind, text), `data/jinzhong/evidence.src.yaml` holds the
templates they share, and the lists (enterprises, patents, standards…) come from cluster.yaml
or the workbook it names, so that the scans and the data agree. This file only draws: one function per kind of document.

This is a maintainer's tool: the generated files are committed and the build never runs it.

    pip install pillow==13.0.0 pyyaml
    python3 tools/make-evidence.py            # regenerate every evidence folder
    python3 tools/make-evidence.py --check    # regenerate elsewhere, compare with the committed scans

Output is deterministic: every file is drawn from its own random generator seeded by its path,
and PDFs carry fixed dates. Another Pillow version may encode the same pixels differently.
"""

import argparse
import datetime
import filecmp
import math
import random
import shutil
import string
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
import zipfile
import zlib
from pathlib import Path

import PIL
import yaml
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont, ImageOps

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "fonts"
DATA = ROOT / "data" / "jinzhong"
SOURCE = "evidence.src.yaml"
PILLOW = "13.0.0"  # the version the committed scans were made with

DPI = 150
A4 = (1240, 1754)
A4_LANDSCAPE = (1754, 1240)
LETTER = (1275, 1650)
RED = (200, 28, 36)
SEAL_RED = (206, 36, 44)
INK = (20, 20, 22)
FIXED_DATE = time.strptime("2026-05-06 09:30:00", "%Y-%m-%d %H:%M:%S")


def px(pt):
    """Points to pixels at 150 dpi."""
    return round(pt * DPI / 72)


# ---------------------------------------------------------------------------------------------
# Fonts with per-character fallback (the shipped fonts are GB2312 subsets).

FONT_FILES = {
    "song": "NotoSerifSC-Regular-GB2312.otf",
    "bold": "NotoSerifSC-Bold-GB2312.otf",
    "hei": "NotoSansSC-Regular-GB2312.otf",
    "kai": "DossierKai-Regular.ttf",
    "rare": "NotoSerifSC-Regular-Rare.otf",
}
_fonts = {}
_glyphs = {}


def font(role, size):
    key = (role, size)
    if key not in _fonts:
        _fonts[key] = ImageFont.truetype(str(FONTS / FONT_FILES[role]), size)
    return _fonts[key]


def _mask(f, ch):
    im = Image.new("L", (48, 48))
    ImageDraw.Draw(im).text((4, 4), ch, font=f, fill=255)
    return im.tobytes()


def has_glyph(role, ch):
    key = (role, ch)
    if key not in _glyphs:
        if ch.isspace():
            _glyphs[key] = True
        else:
            f = font(role, 40)
            _glyphs[key] = _mask(f, ch) != _mask(f, "\ue000")
    return _glyphs[key]


def runs(text, role):
    """Split text into (role, run) pieces, falling back to the rare font for missing glyphs."""
    out = []
    for ch in text:
        r = role if has_glyph(role, ch) else "rare"
        if out and out[-1][0] == r:
            out[-1][1] += ch
        else:
            out.append([r, ch])
    return out


def text_width(text, role, size):
    return sum(font(r, size).getlength(t) for r, t in runs(text, role))


def draw_text(draw, xy, text, role, size, fill=INK):
    x, y = xy
    for r, t in runs(text, role):
        f = font(r, size)
        draw.text((x, y), t, font=f, fill=fill)
        x += f.getlength(t)
    return x


# ---------------------------------------------------------------------------------------------
# Line breaking: CJK characters break anywhere, ASCII runs stay whole, closing punctuation
# never starts a line.

CLOSING = set("，。、；：？！）》」』”’〕】…%％")
OPENING = set("（《「『“‘〔【")


def tokens(text):
    out = []
    for ch in text:
        if ch.isascii() and not ch.isspace() and out and out[-1].isascii() and not out[-1][-1].isspace():
            out[-1] += ch
        else:
            out.append(ch)
    return out


def wrap(text, role, size, width, first_indent=0):
    lines, line, w = [], [], first_indent
    for tok in tokens(text):
        tw = text_width(tok, role, size)
        if line and w + tw > width and tok not in CLOSING:
            # an opening bracket does not end a line
            carry = []
            while line and line[-1] in OPENING:
                carry.insert(0, line.pop())
            lines.append(line)
            line = carry
            w = sum(text_width(t, role, size) for t in line)
        line.append(tok)
        w += tw
    if line:
        lines.append(line)
    return lines


def paragraphs(text):
    """A list of paragraphs, or one text whose paragraphs are separated by blank lines."""
    if isinstance(text, list):
        return text
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def chinese_date(d):
    if isinstance(d, str):
        if "年" in d:
            return d
        d = datetime.date.fromisoformat(d)
    return f"{d.year}年{d.month}月{d.day}日"


# ---------------------------------------------------------------------------------------------
# Pages and flowing documents.


class Doc:
    """A document of pages with a cursor; text flows onto new pages as needed."""

    def __init__(self, size=A4, top=200, left=165, right=150, bottom=190, numbered=False):
        self.size = size
        self.top, self.left, self.right, self.bottom = top, left, right, bottom
        self.numbered = numbered
        self.pages = []
        self.new_page()

    @property
    def width(self):
        return self.size[0] - self.left - self.right

    def new_page(self):
        self.im = Image.new("RGB", self.size, "white")
        self.d = ImageDraw.Draw(self.im)
        self.pages.append(self.im)
        self.y = self.top

    def ensure(self, h, slack=0):
        if self.y + h > self.size[1] - self.bottom + slack:
            self.new_page()

    def space(self, h):
        self.y += h

    def line(self, text, size=16, role="song", align="left", fill=INK, x=None, gap=None):
        s = px(size)
        self.ensure(s)
        w = text_width(text, role, s)
        if x is None:
            x = {"left": self.left, "center": (self.size[0] - w) / 2, "right": self.size[0] - self.right - w}[align]
        draw_text(self.d, (x, self.y), text, role, s, fill)
        self.y += round(s * 1.8) if gap is None else gap
        return w

    def title(self, text, size=22, role="bold", gap=None, fill=INK):
        s = px(size)
        for ln in wrap(text, role, s, self.width * 0.9):
            self.line("".join(ln), size, role, "center", fill, gap=round(s * 1.45))
        self.y += round(s * 0.6) if gap is None else gap

    def para(self, text, size=16, role="song", indent=2, lead=1.8, fill=INK, justify=True):
        s = px(size)
        ind = indent * s
        lines = wrap(" ".join(text.split("\n")).strip(), role, s, self.width, ind)
        for i, ln in enumerate(lines):
            self.ensure(s)
            x0 = self.left + (ind if i == 0 else 0)
            avail = self.width - (ind if i == 0 else 0)
            widths = [text_width(t, role, s) for t in ln]
            gap = 0
            if justify and i < len(lines) - 1 and len(ln) > 1:
                gap = max(0, (avail - sum(widths)) / (len(ln) - 1))
                if gap > s * 0.6:
                    gap = 0
            x = x0
            for t, w in zip(ln, widths):
                draw_text(self.d, (x, self.y), t, role, s, fill)
                x += w + gap
            self.y += round(s * lead)

    def paras(self, text, **kw):
        for t in paragraphs(text):
            self.para(t, **kw)

    def redhead(self, head, number):
        """红头: the 发文机关标志 in red 小标宋, the 发文字号, a red line."""
        s = px(30) if len(head) <= 13 else px(26)
        w = text_width(head, "bold", s)
        scale = min(1.0, self.width / w)
        # draw wide and squeeze a little, as the 红头 type is set
        tmp = Image.new("RGBA", (int(w) + 10, int(s * 1.4)), (255, 255, 255, 0))
        draw_text(ImageDraw.Draw(tmp), (4, 0), head, "bold", s, RED + (255,))
        tmp = tmp.resize((int(tmp.width * scale), int(tmp.height * 1.05)))
        x = (self.size[0] - tmp.width) // 2
        self.im.paste(tmp, (x, self.y), tmp)
        self.y += tmp.height + 40
        self.line(number, 16, "song", "center", gap=52)
        self.d.line([(self.left - 10, self.y), (self.size[0] - self.right + 10, self.y)], fill=RED, width=3)
        self.y += 60

    def table(self, widths, header, rows, size=11, role="song", head_role="hei", pad=8, lead=1.35, min_row=0):
        """A ruled table; widths are fractions of the type width. Rows flow onto new pages, under
        the header again. Leaves (page, top, height) of each body row in self.rows."""
        s = px(size)
        total = sum(widths)
        cols = [self.width * w / total for w in widths]
        lh = round(s * lead)

        def layout(cells, r):
            wrapped = [wrap(str(c), r, s, cw - 2 * pad) for c, cw in zip(cells, cols)]
            h = max(max(1, len(w)) for w in wrapped) * lh + 2 * pad
            return wrapped, max(h, min_row)

        def draw_row(cells, r, centre):
            wrapped, h = layout(cells, r)
            x = self.left
            if not isinstance(centre, list):
                centre = [centre] * len(cells)
            for wl, cw, cen in zip(wrapped, cols, centre):
                self.d.rectangle([x, self.y, x + cw, self.y + h], outline=INK, width=2)
                ty = self.y + (h - len(wl) * lh) / 2 + (lh - s) / 2
                for ln in wl:
                    t = "".join(ln)
                    tx = x + pad if not cen else x + (cw - text_width(t, r, s)) / 2
                    draw_text(self.d, (tx, ty), t, r, s)
                    ty += lh
                x += cw
            top = self.y
            self.y += h
            return top, h

        self.rows = []
        if header:
            self.ensure(layout(header, head_role)[1] * 2)
            draw_row(header, head_role, True)
        for row in rows:
            h = layout(row, role)[1]
            if self.y + h > self.size[1] - self.bottom:
                self.new_page()
                if header:
                    draw_row(header, head_role, True)
            # clerks centre figures and short entries
            centre = [len(str(c)) <= 6 or str(c).replace(",", "").replace(".", "").replace("-", "").isdigit() for c in row]
            self.rows.append((self.im, *draw_row(row, role, centre)))
        self.y += 20

    def signoff(self, org, date, rng, seal=None):
        """落款: organisation and date right of centre, the seal (of `seal`, else of org) over them."""
        s = px(16)
        self.ensure(s * 4.5, slack=120)  # a 落款 may run into the bottom margin rather than stand alone
        self.y += s
        right = self.size[0] - self.right - 40
        w1 = text_width(org, "song", s)
        date_text = chinese_date(date)
        w2 = text_width(date_text, "song", s)
        cx = right - max(w1, w2) / 2
        draw_text(self.d, (cx - w1 / 2, self.y), org, "song", s)
        y_org = self.y
        self.y += round(s * 1.8)
        draw_text(self.d, (cx - w2 / 2, self.y), date_text, "song", s)
        self.y += round(s * 1.8)
        # 上不压正文、下压成文日期: the seal sits over the signature and the date
        stamp(self.im, seal or org, cx, y_org + s * 1.5, rng)

    def page_numbers(self):
        n = len(self.pages)
        if n < 2 or not self.numbered:
            return
        for i, im in enumerate(self.pages, 1):
            d = ImageDraw.Draw(im)
            t = f"— {i} —"
            s = px(14)
            w = text_width(t, "song", s)
            x = self.size[0] - self.right - w if i % 2 else self.left
            draw_text(d, (x, self.size[1] - self.bottom + 70), t, "song", s)


# ---------------------------------------------------------------------------------------------
# Seals and signatures.


def make_seal(org, rng, diameter):
    """The ink of a red round seal: ring, the organisation's name around the top, a star. Drawn
    at twice the size and reduced, then inked unevenly."""
    k = 2
    D = diameter * k
    im = Image.new("L", (D + 8 * k, D + 8 * k), 0)
    d = ImageDraw.Draw(im)
    c = im.width / 2
    R = D / 2
    ring = round(D * 0.03)
    d.ellipse([c - R, c - R, c + R, c + R], outline=255, width=ring)
    # star
    rs = R * 0.30
    pts = []
    for i in range(10):
        a = -math.pi / 2 + i * math.pi / 5
        r = rs if i % 2 == 0 else rs * 0.382
        pts.append((c + r * math.cos(a), c + r * math.sin(a)))
    d.polygon(pts, fill=255)
    # name around the arc
    n = len(org)
    fs = round(D * (0.145 if n <= 12 else 0.125 if n <= 16 else 0.105))
    span = min(250.0, max(150.0, n * (fs / (R - ring - fs * 0.75)) * 57.3 * 1.02))
    rt = R - ring - fs * 0.62
    for i, ch in enumerate(org):
        ang = -90 - span / 2 + span * (i + 0.5) / n
        glyph = Image.new("L", (fs * 2, fs * 2), 0)
        draw_text(ImageDraw.Draw(glyph), (fs * 0.5, fs * 0.35), ch, "bold", fs, 255)
        glyph = glyph.resize((round(fs * 2 * 0.82), fs * 2))  # seal type is narrow
        glyph = glyph.rotate(-(ang + 90), resample=Image.Resampling.BICUBIC)
        gx = c + rt * math.cos(math.radians(ang)) - glyph.width / 2
        gy = c + rt * math.sin(math.radians(ang)) - glyph.height / 2
        im.paste(255, (round(gx), round(gy)), glyph)
    im = im.resize((im.width // k, im.height // k), Image.Resampling.LANCZOS)
    # uneven ink: a smooth random field, some specks
    field = Image.frombytes("L", (12, 12), rng.randbytes(144)).resize(im.size, Image.Resampling.BICUBIC)
    field = field.point(lambda v: 150 + v * 105 // 255)
    specks = Image.frombytes("L", im.size, rng.randbytes(im.width * im.height)).point(lambda v: 0 if v < 14 else 255)
    alpha = ImageChops.multiply(ImageChops.multiply(im, field), specks).filter(ImageFilter.GaussianBlur(0.7))
    return alpha.rotate(rng.uniform(-18, 18), resample=Image.Resampling.BICUBIC)


def stamp(im, org, cx, cy, rng, diameter=236, colour=SEAL_RED):
    alpha = make_seal(org, rng, diameter)
    cx += rng.uniform(-25, 25)
    cy += rng.uniform(-18, 18)
    layer = Image.new("RGB", alpha.size, colour)
    white = Image.new("RGB", alpha.size, "white")
    ink = Image.composite(layer, white, alpha)
    box = (round(cx - alpha.width / 2), round(cy - alpha.height / 2))
    region = im.crop((box[0], box[1], box[0] + alpha.width, box[1] + alpha.height))
    im.paste(ImageChops.multiply(region, ink), box)


def sign(im, name, x, y, rng, size=44, colour=(28, 30, 62)):
    """A handwritten signature in 楷体, slanted and uneven."""
    s = size
    w = int(text_width(name, "kai", s) * 1.3) + 40
    layer = Image.new("L", (w, s * 2), 0)
    xx = 10
    dl = ImageDraw.Draw(layer)
    for ch in name:
        size = s + rng.randint(-3, 6)
        draw_text(dl, (xx, s * 0.4 + rng.uniform(-4, 4)), ch, "kai", size, 255)
        xx += text_width(ch, "kai", size) * rng.uniform(0.82, 1.0)
    layer = layer.transform(layer.size, Image.Transform.AFFINE, (1, 0.25, -s * 0.25, 0, 1, 0), resample=Image.Resampling.BICUBIC)
    layer = layer.rotate(rng.uniform(3, 8), resample=Image.Resampling.BICUBIC, expand=True)
    ink = Image.new("RGB", layer.size, colour)
    im.paste(ink, (round(x), round(y - layer.height / 2)), layer)


# ---------------------------------------------------------------------------------------------
# The scanner: paper tone, uneven light, noise, a little blur and skew.


def noise(size, rng, sigma):
    """Roughly Gaussian noise around 128 from the seeded generator."""
    n = size[0] * size[1]
    a = Image.frombytes("L", size, rng.randbytes(n))
    b = Image.frombytes("L", size, rng.randbytes(n))
    tri = ImageChops.add(a, b, scale=2.0)  # triangular distribution, sd ≈ 52
    k = sigma / 52.0
    return tri.point(lambda v: max(0, min(255, round(128 + (v - 128) * k))))


def scan(im, rng, gray=None, skew=0.7, sigma=3.5, paper=(238, 234, 222), blur=0.75, shadow=True):
    """Make a clean page look scanned."""
    if gray is None:
        gray = not has_colour(im)
    w, h = im.size
    # ink never reaches pure black on a scan, paper never pure white
    if gray:
        base = im.convert("L").point(lambda v: 28 + v * (sum(paper) // 3 - 28) // 255)
    else:
        r, g, b = im.split()
        base = Image.merge("RGB", [ch.point(lambda v, p=p: 26 + v * (p - 26) // 255) for ch, p in zip((r, g, b), paper)])
    # uneven illumination: a smooth field, darker toward one edge
    field = Image.frombytes("L", (8, 11), rng.randbytes(88)).resize((w, h), Image.Resampling.BICUBIC)
    field = field.point(lambda v: 250 + v * 5 // 255)
    if shadow:
        grad = Image.linear_gradient("L")
        if rng.random() < 0.5:
            grad = grad.transpose(Image.Transpose.ROTATE_90)
        grad = grad.resize((w, h)).point(lambda v: 255 - max(0, v - 215) // 4)
        field = ImageChops.multiply(field, grad)
    if gray:
        base = ImageChops.multiply(base, field)
        nz = noise((w, h), rng, sigma)
        base = ImageChops.add(base, nz, offset=-128)
    else:
        base = ImageChops.multiply(base, Image.merge("RGB", [field] * 3))
        nz = noise((w, h), rng, sigma)
        base = ImageChops.add(base, Image.merge("RGB", [nz] * 3), offset=-128)
    base = base.filter(ImageFilter.GaussianBlur(blur))
    if skew:
        fill = tuple(p - 8 for p in paper) if not gray else sum(paper) // 3 - 8
        base = base.rotate(rng.uniform(-skew, skew), resample=Image.Resampling.BICUBIC, fillcolor=fill)
    return base


def has_colour(im):
    if im.mode != "RGB":
        return False
    small = im.resize((im.width // 4, im.height // 4))
    r, g, b = small.split()
    diff = ImageChops.difference(r, b)
    return diff.getextrema()[1] > 60


# ---------------------------------------------------------------------------------------------
# Writers. Every file gets the same metadata so that reruns produce identical bytes.


def save_jpeg(path, im, quality=60, exif=None):
    path.parent.mkdir(parents=True, exist_ok=True)
    kw = dict(quality=quality, optimize=True, dpi=(DPI, DPI))
    if exif is not None:
        kw["exif"] = exif
    if im.mode == "RGB":
        kw["subsampling"] = 2
    im.save(path, "JPEG", **kw)


def save_png(path, im, colours=None):
    path.parent.mkdir(parents=True, exist_ok=True)
    if colours:
        im = im.convert("RGB").quantize(colours, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    im.save(path, "PNG", optimize=True, dpi=(DPI, DPI))


def save_pdf(path, pages, quality=50):
    """A multi-page PDF of scanned pages, each page sized from its pixels at 150 dpi."""
    path.parent.mkdir(parents=True, exist_ok=True)
    first, rest = pages[0], pages[1:]
    extra = {} if first.mode == "1" else {"quality": quality}
    first.save(
        path,
        "PDF",
        save_all=True,
        append_images=rest,
        resolution=DPI,
        **extra,
        title=path.stem,
        author="",
        creator="Scanner",
        producer="Scanner",
        creationDate=FIXED_DATE,
        modDate=FIXED_DATE,
    )
    # Pillow writes no /ID, and the dates above are fixed: the bytes are reproducible.


def save_tiff(path, pages):
    path.parent.mkdir(parents=True, exist_ok=True)
    pages[0].save(path, "TIFF", save_all=True, append_images=pages[1:], compression="tiff_lzw", dpi=(DPI, DPI))


def write_pages(out, pages, rng, gray=None, bilevel=False):
    """Scan the pages and write them in the file's format. bilevel: the scanner's black-and-white
    document mode (1 bit, CCITT G4 in PDF), which long lists are usually scanned in."""
    scanned = [scan(p, rng, gray=gray or bilevel) for p in pages]
    if bilevel:
        scanned = [to_bilevel(p) for p in scanned]
    fmt = out.suffix[1:]
    if fmt == "jpg":
        # a scanner writes one JPEG per page: name-1.jpg, name-2.jpg
        if len(scanned) == 1:
            save_jpeg(out, scanned[0])
        else:
            for i, page in enumerate(scanned, 1):
                save_jpeg(out.with_name(f"{out.stem}-{i}{out.suffix}"), page)
    elif fmt == "png":
        assert len(scanned) == 1, out
        save_png(out, scanned[0] if bilevel else posterize_scan(scanned[0]))
    elif fmt == "pdf":
        save_pdf(out, scanned)
    elif fmt == "tif":
        save_tiff(out, [posterize_scan(p) for p in scanned])
    else:
        raise ValueError(f"{out}: a scan is .jpg, .png, .pdf or .tif")


def to_bilevel(im):
    return im.convert("L").point(lambda v: 255 if v > 172 else 0).convert("1", dither=Image.Dither.NONE)


def posterize_scan(im):
    """TIFF pages from a document scanner in text mode: grey, few levels, LZW-friendly."""
    g = im.convert("L")
    return g.point(lambda v: 232 if v > 190 else (v // 24) * 24)


def exif_orientation(orientation, when):
    exif = Image.Exif()
    exif[0x0112] = orientation  # Orientation
    exif[0x010F] = "HUAWEI"  # Make
    exif[0x0110] = "NOH-AN00"  # Model
    exif[0x0132] = when  # DateTime
    return exif.tobytes()


# ---------------------------------------------------------------------------------------------
# The kinds of document counties send. Each draws one file from the fields of its entry in an
# evidence.src.yaml (the keyword arguments); `out` is the file, `rng` its own random generator.


def put_table(doc, rng, widths, rows, header=None, caption=None, size=11, min_row=0, handwritten=None):
    """A table of an entry: an optional caption above; handwritten: {names: 姓名, in: 签名}
    signs each row's name in the other column, as on a sign-in sheet."""
    if caption:
        doc.space(10)
        doc.line(caption, 14, "hei", "center", gap=50)
    doc.table(widths, header, rows, size=size, min_row=min_row)
    if handwritten:
        names = header.index(handwritten["names"])
        column = header.index(handwritten["in"])
        x = doc.left + doc.width * (sum(widths[:column]) / sum(widths)) + 8
        for (page, top, h), row in zip(doc.rows, rows):
            sign(page, row[names], x, top + h / 2, rng, size=30)


def notice(out, rng, *, org, number, title, to, body, date, head=None, tables=(), enclosure=None, annex=None, numbered=False):
    """An official document: 红头 (head, else org + 文件), 发文字号, title, 主送, body, tables, 落款
    with seal. enclosure: {title, body}, the text a 印发 notice issues, after the body; annex:
    {title, table}, a table on a page of its own after the 落款, headed 附件."""
    doc = Doc(numbered=numbered)
    doc.redhead(head or org + "文件", number)
    doc.title(title, size=20)
    doc.para(to + "：", indent=0)
    doc.paras(body)
    if enclosure:
        doc.space(20)
        doc.title(enclosure["title"], size=18)
        doc.paras(enclosure["body"], size=15)
    for table in tables:
        put_table(doc, rng, **table)
    doc.signoff(org, date, rng)
    if annex:
        doc.new_page()
        doc.line("附件", 16, "hei", gap=56)
        doc.title(annex["title"], size=18)
        put_table(doc, rng, **annex["table"])
    doc.page_numbers()
    write_pages(out, doc.pages, rng)


def list_doc(out, rng, *, title, table, org, date, subtitle=None, preface=None, note=None, landscape=False, numbered=True, bilevel=False):
    """A 清单/名单 prepared by the county office: title, table, 填报单位 and seal. bilevel: scanned
    in black and white."""
    doc = Doc(size=A4_LANDSCAPE if landscape else A4, top=150 if landscape else 170, left=120 if landscape else 130, right=120, bottom=150, numbered=numbered)
    doc.title(title, size=18)
    if subtitle:
        doc.line(subtitle, 12, "song", "left", gap=46)
    if preface:
        doc.paras(preface, size=14, lead=1.7)
        doc.space(6)
    put_table(doc, rng, **table)
    if note:
        doc.para(note, size=11, indent=0, lead=1.5)
    doc.signoff(org, date, rng)
    doc.page_numbers()
    write_pages(out, doc.pages, rng, bilevel=bilevel)


def agreement(out, rng, *, title, parties, clauses, signers, date, number=None):
    """A 协议/合同: parties ({role: name}), clauses, a signature block with seal per signer."""
    doc = Doc(top=170, numbered=True)
    doc.title(title, size=20)
    if number:
        doc.line("合同编号：" + number, 12, "song", "right", gap=50)
    for role, name in parties.items():
        doc.para(f"{role}：{name}", size=14, indent=0, lead=1.7)
    doc.space(10)
    for c in clauses:
        doc.para(c, size=14, lead=1.75)
    doc.ensure(px(14) * 9)
    doc.space(30)
    y0 = doc.y
    half = doc.width / 2
    s = px(13)
    for k, signer in enumerate(signers):
        x = doc.left + k * half
        draw_text(doc.d, (x, y0), f"{signer['role']}（盖章）：", "song", s)
        draw_text(doc.d, (x, y0 + s * 1.9), signer["org"], "song", s)
        draw_text(doc.d, (x, y0 + s * 3.8), "法定代表人或授权代表（签字）：", "song", s)
        draw_text(doc.d, (x, y0 + s * 7.3), chinese_date(date), "song", s)
        sign(doc.im, signer["person"], x + 60, y0 + s * 5.9, rng)
        stamp(doc.im, signer["org"], x + half * 0.45, y0 + s * 2.6, rng, diameter=220)
    doc.page_numbers()
    write_pages(out, doc.pages, rng)


def report(out, rng, *, title, cover, org, date, sections):
    """A bound report: a cover page ({label: value} lines) with the issuing body's seal, then the
    sections ({heading: text, or {table: …}})."""
    doc = Doc(top=200)
    doc.space(260)
    doc.title(title, size=26)
    doc.space(260)
    for label, value in cover.items():
        doc.line(f"{label}：{value}", 16, "song", "left", x=doc.left + 120, gap=70)
    doc.space(120)
    doc.line(org, 16, "song", "center", gap=60)
    doc.line(chinese_date(date), 16, "song", "center")
    stamp(doc.im, org, doc.size[0] / 2, doc.y - 90, rng)
    doc.new_page()
    for head, content in sections.items():
        doc.line(head, 16, "hei", gap=62)
        if isinstance(content, dict):
            put_table(doc, rng, **content["table"])
        else:
            doc.paras(content, size=14, lead=1.75)
    write_pages(out, doc.pages, rng)


def custom(out, rng, *, blocks, numbered=False, gray=None, **margins):
    """A document laid out block by block, for those that fit no kind. margins: top, left,
    right, bottom in pixels; gray: scanned in grey even with a red seal on it."""
    doc = Doc(numbered=numbered, **margins)
    for block in blocks:
        if isinstance(block, str):
            block = {block: None}
        ops = [k for k in block if k in BLOCKS]
        if len(ops) != 1:
            raise ValueError(f"a block has one of {', '.join(BLOCKS)}: {block}")
        options = {k: v for k, v in block.items() if k != ops[0]}
        BLOCKS[ops[0]](doc, rng, block[ops[0]], **options)
    doc.page_numbers()
    write_pages(out, doc.pages, rng, gray=gray)


def _at(doc, x, dy):
    """A point given as x from the left margin (or center: the middle of the page) and dy from
    the cursor."""
    return (doc.size[0] / 2 if x == "center" else doc.left + x), doc.y + dy


# The blocks of a custom document. x and dy place a mark without moving the cursor.
BLOCKS = {
    "title": lambda doc, rng, text, **o: doc.title(text, **o),
    "line": lambda doc, rng, text, x=None, **o: doc.line(text, x=None if x is None else doc.left + x, **o),
    "para": lambda doc, rng, text, **o: doc.para(text, **o),
    "paras": lambda doc, rng, text, **o: doc.paras(text, **o),
    "space": lambda doc, rng, h: doc.space(h),
    "new_page": lambda doc, rng, _: doc.new_page(),
    "table": lambda doc, rng, table: put_table(doc, rng, **table),
    "signoff": lambda doc, rng, org, date, seal=None: doc.signoff(org, date, rng, seal),
    "text": lambda doc, rng, text, x=0, dy=0, size=16, role="song": draw_text(doc.d, _at(doc, x, dy), text, role, px(size)),
    "sign": lambda doc, rng, name, x=0, dy=0, size=44: sign(doc.im, name, *_at(doc, x, dy), rng, size),
    "stamp": lambda doc, rng, org, x=0, dy=0, diameter=236: stamp(doc.im, org, *_at(doc, x, dy), rng, diameter),
}


def certificate(out, rng, *, title, lines, issuer, date, seals, number=None, subtitle=None, title_colour=(176, 26, 30), border=(184, 142, 60), paper=(251, 246, 232), text_size=18, landscape=False):
    """A certificate: tinted paper, a patterned border, a big title, the lines ("" a gap, {big:
    …} the holder's name set large), the issuer's lines and the date, seals."""
    title_colour, border, paper = tuple(title_colour), tuple(border), tuple(paper)
    size = A4_LANDSCAPE if landscape else A4
    w, h = size
    im = Image.new("RGB", size, paper)
    d = ImageDraw.Draw(im)
    m = 60
    # guilloche-like border: fine waves between two frames
    d.rectangle([m, m, w - m, h - m], outline=border, width=6)
    d.rectangle([m + 46, m + 46, w - m - 46, h - m - 46], outline=border, width=3)
    for t in range(0, 3):
        pts_top, pts_bottom, pts_left, pts_right = [], [], [], []
        for x in range(m + 6, w - m - 6, 4):
            yy = m + 23 + 14 * math.sin(x / 11.0 + t * 2.1)
            pts_top.append((x, yy))
            pts_bottom.append((x, h - yy))
        for y in range(m + 6, h - m - 6, 4):
            xx = m + 23 + 14 * math.sin(y / 11.0 + t * 2.1)
            pts_left.append((xx, y))
            pts_right.append((w - xx, y))
        for pts in (pts_top, pts_bottom, pts_left, pts_right):
            d.line(pts, fill=border, width=1)
    # faint background rosette
    cx, cy = w / 2, h * 0.52
    for r in range(40, int(min(w, h) * 0.36), 9):
        d.ellipse([cx - r, cy - r * 0.8, cx + r, cy + r * 0.8], outline=tuple(min(255, c + 8) for c in (paper[0] - 14, paper[1] - 12, paper[2] - 18)))
    doc = Doc(size=size, top=m + 150, left=m + 130, right=m + 130, bottom=m + 80)
    doc.im, doc.d = im, d
    doc.pages = [im]
    if number:
        doc.line(number, 12, "song", "right", gap=60)
    ts = px(40)
    tw = text_width(title, "bold", ts)
    draw_text(d, ((w - tw) / 2, doc.y), title, "bold", ts, title_colour)
    doc.y += round(ts * 1.9)
    if subtitle:
        doc.line(subtitle, 16, "song", "center", gap=80)
    for ln in lines:
        if ln == "":
            doc.y += 30
        elif isinstance(ln, dict):
            doc.line(ln["big"], text_size + 6, "bold", "center", gap=round(px(text_size + 6) * 1.9))
        else:
            doc.para(ln, size=text_size, indent=2, lead=1.9)
    doc.y = max(doc.y + 40, h - m - 420)
    right = w - m - 170
    for ln in issuer + [chinese_date(date)]:
        s = px(16)
        tw = text_width(ln, "song", s)
        draw_text(d, (right - tw, doc.y), ln, "song", s)
        doc.y += round(s * 1.8)
    for k, org in enumerate(seals):
        stamp(im, org, right - 140 - k * 300, doc.y - px(16) * 2.6, rng, diameter=236)
    scanned = scan(im, rng, gray=False, paper=(246, 243, 236), sigma=4.0, skew=0.5)
    if out.suffix == ".png":
        save_png(out, scanned)
    else:
        save_jpeg(out, scanned, 62)


def chain_map(out, rng, *, title, columns, footer, note=None):
    """An industry-chain map exported from the county's slides: clean landscape PNG. columns:
    [{head, colour, nodes: {link: [firms]}}], drawn left to right with arrows between."""
    w, h = A4_LANDSCAPE
    im = Image.new("RGB", (w, h), "white")
    d = ImageDraw.Draw(im)
    ts = px(22)
    tw = text_width(title, "hei", ts)
    draw_text(d, ((w - tw) / 2, 60), title, "hei", ts, (25, 55, 110))
    n = len(columns)
    gap = 70
    cw = (w - 160 - gap * (n - 1)) / n
    top = 170
    for i, column in enumerate(columns):
        colour, nodes = tuple(column["colour"]), column["nodes"]
        x = 80 + i * (cw + gap)
        d.rounded_rectangle([x, top, x + cw, top + 70], 12, fill=colour)
        hs = px(16)
        hw = text_width(column["head"], "hei", hs)
        draw_text(d, (x + (cw - hw) / 2, top + 16), column["head"], "hei", hs, "white")
        light = tuple(c + (255 - c) * 4 // 5 for c in colour)
        y = top + 100
        avail = h - 140 - y
        each = avail / len(nodes)
        for name, firms in nodes.items():
            bh = each - 24
            d.rounded_rectangle([x, y, x + cw, y + bh], 10, fill=light, outline=colour, width=3)
            ns = px(13)
            nw = text_width(name, "hei", ns)
            draw_text(d, (x + (cw - nw) / 2, y + 12), name, "hei", ns, (30, 30, 30))
            fs = px(9.5)
            fy = y + 12 + ns * 1.6
            for firm in firms:
                fw = text_width(firm, "song", fs)
                draw_text(d, (x + (cw - fw) / 2, fy), firm, "song", fs, (70, 70, 70))
                fy += fs * 1.45
            y += each
        if i < n - 1:
            ax = x + cw + 8
            ay = top + 35
            d.line([(ax, ay), (ax + gap - 20, ay)], fill=(120, 120, 120), width=5)
            d.polygon([(ax + gap - 16, ay), (ax + gap - 34, ay - 12), (ax + gap - 34, ay + 12)], fill=(120, 120, 120))
    fs = px(10)
    if note:
        draw_text(d, (80, h - 100), note, "song", fs, (90, 90, 90))
    fw = text_width(footer, "song", fs)
    draw_text(d, (w - 80 - fw, h - 100), footer, "song", fs, (90, 90, 90))
    save_png(out, im, colours=48)


def spreadsheet(out, rng, *, title, header, rows, widths, notes=()):
    """A worksheet exported to PNG (a county clerk's calculation table): clean, few colours."""
    size = A4_LANDSCAPE
    im = Image.new("RGB", size, "white")
    d = ImageDraw.Draw(im)
    doc = Doc(size=size, top=90, left=80, right=80, bottom=80)
    doc.im, doc.d, doc.pages = im, d, [im]
    doc.title(title, size=16, role="hei")
    s = px(11)
    total = sum(widths)
    cols = [doc.width * x / total for x in widths]
    rh = round(s * 2.2)
    y = doc.y
    for r, row in enumerate([header] + rows):
        x = doc.left
        fill = (221, 235, 247) if r == 0 else ((255, 255, 255) if r % 2 else (247, 247, 247))
        for c, (cell, cw) in enumerate(zip(row, cols)):
            d.rectangle([x, y, x + cw, y + rh], fill=fill, outline=(160, 160, 160))
            t = str(cell)
            role = "hei" if r == 0 else "song"
            tw = text_width(t, role, s)
            tx = x + 10 if (c == 0 and r > 0) else x + (cw - tw) / 2
            draw_text(d, (tx, y + (rh - s) / 2 - 2), t, role, s)
            x += cw
        y += rh
    y += 30
    for n in notes:
        draw_text(d, (doc.left, y), n, "song", px(10.5), (40, 40, 40))
        y += px(10.5) * 1.8
    save_png(out, im, colours=24)


def photo(out, rng, *, banner, subtitle, scene, taken, orientation):
    """A phone photo of the cluster's booth at a fair; scene: glass, beef or hydraulics on the
    shelves. With orientation 6 the pixels are stored turned 90° counter-clockwise and the EXIF
    tag says to turn them back, as phones do (8 the other way)."""
    size = (1400, 1050)
    w, h = size
    im = Image.new("RGB", size)
    d = ImageDraw.Draw(im)
    # hall: dark ceiling with lights, pale back wall, grey floor
    for y in range(h):
        if y < h * 0.18:
            v = 40 + int(30 * y / (h * 0.18))
            col = (v, v, v + 6)
        elif y < h * 0.72:
            t = (y - h * 0.18) / (h * 0.54)
            col = (int(214 - 20 * t), int(208 - 20 * t), int(196 - 22 * t))
        else:
            t = (y - h * 0.72) / (h * 0.28)
            col = (int(150 - 40 * t), int(150 - 40 * t), int(156 - 40 * t))
        d.line([(0, y), (w, y)], fill=col)
    for i in range(7):
        lx = 80 + i * 210 + rng.randint(-20, 20)
        d.ellipse([lx - 26, 40, lx + 26, 62], fill=(255, 250, 225))
    # booth back wall and banner
    bx0, by0, bx1, by1 = int(w * 0.08), int(h * 0.16), int(w * 0.92), int(h * 0.70)
    d.rectangle([bx0, by0, bx1, by1], fill=(236, 232, 226))
    d.rectangle([bx0, by0, bx1, by0 + int(h * 0.14)], fill=(168, 22, 34))
    s = 56
    tw = text_width(banner, "hei", s)
    draw_text(d, ((w - tw) / 2, by0 + 26), banner, "hei", s, (255, 244, 220))
    s2 = 26
    tw = text_width(subtitle, "song", s2)
    draw_text(d, ((w - tw) / 2, by0 + 96), subtitle, "song", s2, (255, 230, 200))
    # shelves with products
    for row in range(3):
        sy = by0 + int(h * 0.26) + row * int(h * 0.12)
        d.rectangle([bx0 + 40, sy, bx1 - 40, sy + 8], fill=(120, 100, 80))
        x = bx0 + 60
        while x < bx1 - 90:
            pw = rng.randint(34, 62)
            ph = rng.randint(50, 100) if scene != "beef" else rng.randint(40, 60)
            top = sy - ph
            if scene == "glass":
                tint = rng.choice([(210, 230, 235), (225, 238, 240), (200, 220, 215), (235, 225, 205), (190, 210, 230)])
                if rng.random() < 0.4:  # vase
                    d.ellipse([x, top + ph * 0.3, x + pw, sy], fill=tint, outline=(150, 170, 175))
                    d.rectangle([x + pw * 0.35, top, x + pw * 0.65, top + ph * 0.4], fill=tint, outline=(150, 170, 175))
                else:  # cup
                    d.polygon([(x, top), (x + pw, top), (x + pw * 0.85, sy), (x + pw * 0.15, sy)], fill=tint, outline=(140, 160, 170))
                d.line([(x + pw * 0.25, top + 6), (x + pw * 0.3, sy - 8)], fill=(255, 255, 255), width=3)
            elif scene == "beef":
                col = rng.choice([(150, 40, 36), (180, 120, 50), (120, 30, 30), (200, 160, 90)])
                d.rounded_rectangle([x, top, x + pw, sy], 6, fill=col, outline=(90, 40, 30))
                d.rectangle([x + 6, top + 10, x + pw - 6, top + 24], fill=(240, 220, 170))
            elif scene == "hydraulics":  # cylinders and valves
                col = rng.choice([(60, 90, 140), (200, 120, 30), (90, 90, 95), (30, 100, 70)])
                if rng.random() < 0.5:
                    d.rectangle([x, top + ph * 0.4, x + pw * 1.8, sy - ph * 0.2], fill=col)
                    d.rectangle([x + pw * 1.8, top + ph * 0.5, x + pw * 2.4, sy - ph * 0.3], fill=(200, 200, 205))
                    pw = int(pw * 2.4)
                else:
                    d.rectangle([x, top + ph * 0.3, x + pw, sy], fill=col)
                    d.ellipse([x + pw * 0.2, top + ph * 0.4, x + pw * 0.5, top + ph * 0.6], fill=(220, 220, 220))
            else:
                raise ValueError(f"{out}: scene is glass, beef or hydraulics, not {scene}")
            x += pw + rng.randint(10, 26)
    # a member of staff behind the counter
    person(d, int(w * 0.58) + rng.randint(-30, 30), int(h * 0.45), 0.85, (110, 34, 36), rng)
    # counter with red cloth
    d.rectangle([int(w * 0.25), int(h * 0.62), int(w * 0.75), int(h * 0.80)], fill=(182, 30, 40))
    tw = text_width("欢迎洽谈", "hei", 34)
    draw_text(d, ((w - tw) / 2, int(h * 0.68)), "欢迎洽谈", "hei", 34, (255, 230, 190))
    # visitors: two at the counter, one walking past close to the lens (out of focus)
    for px0, y0, scale, coat in [
        (int(w * 0.16) + rng.randint(-20, 20), int(h * 0.47), 1.0, (30, 36, 52)),
        (int(w * 0.82) + rng.randint(-20, 20), int(h * 0.48), 0.95, rng.choice([(230, 230, 232), (60, 60, 66)])),
    ]:
        person(d, px0, y0, scale, coat, rng)
    near = Image.new("RGBA", size, (0, 0, 0, 0))
    person(ImageDraw.Draw(near), int(w * 0.97), int(h * 0.30), 2.4, (24, 26, 30), rng)
    near = near.filter(ImageFilter.GaussianBlur(9))
    im.paste(near, (0, 0), near)
    # camera held slightly off axis: a mild keystone and a small tilt, cropped to frame
    m = int(w * 0.04)
    quad = (m + rng.randint(0, 20), m, 0, h - 1, w - 1, h - 1, w - 1 - m, m + rng.randint(0, 20))
    im = im.transform(size, Image.Transform.QUAD, quad, resample=Image.Resampling.BICUBIC)
    im = im.rotate(rng.uniform(-2.2, 2.2), resample=Image.Resampling.BICUBIC, expand=False)
    cx, cy = w * 0.03, h * 0.03
    im = im.crop((cx, cy, w - cx, h - cy)).resize(size, Image.Resampling.BICUBIC)
    # lens and sensor: blur, warm cast, vignetting, colour noise
    im = im.filter(ImageFilter.GaussianBlur(1.1))
    r, g, b = im.split()
    im = Image.merge("RGB", (r.point(lambda v: min(255, v + 8)), g, b.point(lambda v: max(0, v - 10))))
    vign = Image.radial_gradient("L").resize(size).point(lambda v: 255 - max(0, v - 110) * 2 // 3)
    im = ImageChops.multiply(im, Image.merge("RGB", [vign] * 3))
    nz = [noise(size, rng, 7.0) for _ in range(3)]
    im = ImageChops.add(im, Image.merge("RGB", nz), offset=-128)
    exif = exif_orientation(orientation, taken)
    stored = {1: im, 6: im.transpose(Image.Transpose.ROTATE_90), 8: im.transpose(Image.Transpose.ROTATE_270), 3: im.transpose(Image.Transpose.ROTATE_180)}[orientation]
    save_jpeg(out, stored, 72, exif=exif)
    check = ImageOps.exif_transpose(Image.open(out))
    assert check.size == size, (out, check.size)


def person(d, x, y, scale, coat, rng):
    """A standing visitor: head, hair, neck, shoulders, arms, trousers."""
    head = 30 * scale
    sw = 62 * scale  # half shoulder width
    skin = rng.choice([(200, 164, 134), (188, 150, 120), (210, 176, 146)])
    hair = rng.choice([(20, 18, 16), (34, 28, 24), (60, 50, 40)])
    d.rectangle([x - head * 0.35, y + head * 1.7, x + head * 0.35, y + head * 2.4], fill=skin)
    d.rounded_rectangle([x - sw, y + head * 2.2, x + sw, y + head * 7.2], round(22 * scale), fill=coat)
    arm = 17 * scale
    shade = tuple(max(0, c - 25) for c in coat)
    d.rounded_rectangle([x - sw - arm * 0.6, y + head * 2.5, x - sw + arm * 0.6, y + head * 6.6], round(arm / 2), fill=shade)
    d.rounded_rectangle([x + sw - arm * 0.6, y + head * 2.5, x + sw + arm * 0.6, y + head * 6.6], round(arm / 2), fill=shade)
    d.ellipse([x - sw - arm * 0.5, y + head * 6.3, x - sw + arm * 0.5, y + head * 7.0], fill=skin)
    d.ellipse([x + sw - arm * 0.5, y + head * 6.3, x + sw + arm * 0.5, y + head * 7.0], fill=skin)
    trousers = rng.choice([(40, 40, 46), (26, 30, 40), (70, 66, 60)])
    d.rectangle([x - sw * 0.8, y + head * 7.0, x - sw * 0.08, y + head * 11.5], fill=trousers)
    d.rectangle([x + sw * 0.08, y + head * 7.0, x + sw * 0.8, y + head * 11.5], fill=trousers)
    d.ellipse([x - head, y, x + head, y + head * 2.3], fill=skin)
    d.pieslice([x - head * 1.05, y - head * 0.15, x + head * 1.05, y + head * 1.7], 180, 360, fill=hair)
    d.line([(x - sw * 0.2, y + head * 2.3), (x, y + head * 4.2), (x + sw * 0.2, y + head * 2.3)], fill=(200, 30, 40), width=max(2, round(3 * scale)))
    d.rectangle([x - 12 * scale, y + head * 4.2, x + 12 * scale, y + head * 5.0], fill=(240, 240, 240))


def us_letter(out, rng, *, heading, lines, filed, seal, signer=None):
    """A one-page document from the US on Letter paper, scanned there and sent as PDF: centred
    heading, lines ("" a gap), the filing stamp (filed) top right, the company's gold seal."""
    doc = Doc(size=LETTER, top=330, left=150, right=150, bottom=150)
    for ln in heading:
        doc.line(ln, 14, "bold", "center", gap=46)
    doc.space(30)
    for ln in lines:
        if ln == "":
            doc.space(26)
            continue
        doc.para(ln, size=11.5, indent=0, lead=1.55, justify=False)
    # the filing stamp in the top right, in blue-black ink
    x0, y0 = doc.size[0] - 560, 70
    box = Image.new("L", (380, 190), 0)
    bd = ImageDraw.Draw(box)
    bd.rectangle([2, 2, 377, 187], outline=255, width=4)
    yy = 16
    for ln in filed:
        tw = text_width(ln, "bold", 22)
        draw_text(bd, ((380 - tw) / 2, yy), ln, "bold", 22, 255)
        yy += 40
    box = box.rotate(rng.uniform(-4, 4), expand=True, resample=Image.Resampling.BICUBIC)
    doc.im.paste(Image.new("RGB", box.size, (40, 50, 120)), (x0, y0), box)
    if signer:
        sign(doc.im, signer, doc.left + 20, doc.y - 100, rng, size=40)
    stamp(doc.im, seal, doc.size[0] - 330, doc.size[1] - 330, rng, diameter=200, colour=(150, 120, 40))
    scanned = [scan(p, rng, gray=False, paper=(243, 242, 238)) for p in doc.pages]
    save_pdf(out, scanned)


KINDS = {
    "notice": notice,
    "list": list_doc,
    "agreement": agreement,
    "report": report,
    "custom": custom,
    "certificate": certificate,
    "chain-map": chain_map,
    "spreadsheet": spreadsheet,
    "photo": photo,
    "us-letter": us_letter,
}


# ---------------------------------------------------------------------------------------------
# What a document takes from cluster.yaml: the lists its tables show, and placeholders in its
# text. (The one place that knows where the cluster's data comes from.)


def load_cluster(slug):
    """cluster.yaml, its lists read from the workbook it names (`lists: {from: 名单.xlsx}`)."""
    with open(DATA / slug / "cluster.yaml", encoding="utf-8") as f:
        cluster = yaml.safe_load(f)
    workbook = (cluster.get("lists") or {}).get("from")
    if workbook:
        cluster["lists"] = read_workbook(DATA / slug / workbook)
    return cluster


# The sheets and headers of the lists workbook (src/load/sheet/layout.rs): header → field.
WORKBOOK = {
    "企业": ("enterprises", {"企业名称": "name", "企业简介": "intro", "经营范围": "scope", "单项冠军认定年度": "champions",
                           "小巨人认定年度": "little_giants", "专精特新认定年度": "specialized",
                           "高新技术企业认定年度": "high_tech"}),
    "标准": ("standards", {"标准名称": "name", "标准编号": "code", "类别": "category", "主持/参与": "role",
                         "发布年度": "year", "企业": "enterprise"}),
    "创新平台": ("platforms", {"平台名称": "name", "级别": "level", "依托单位": "host", "认定年度": "year"}),
    "发明专利": ("patents", {"专利名称": "title", "专利号": "number", "类型": "kind", "专利权人": "owner",
                         "授权公告日": "granted"}),
    "新模式新业态": ("projects", {"项目名称": "name", "级别": "level", "承担单位": "enterprise", "年度": "year"}),
    "绿色制造": ("green_system", {"名称": "name", "类别": "kind", "级别": "level", "认定年度": "year"}),
    "境外分支机构": ("overseas_branches", {"分支机构名称": "name", "所在国家（地区）": "country", "设立企业": "enterprise",
                                     "设立年度": "year"}),
    "产业联盟": ("alliances", {"组织名称": "name", "类别": "kind", "成员单位数量": "members", "成立年度": "year"}),
    "公共服务平台": ("service_platforms", {"平台名称": "name", "运营单位": "operator", "认定级别及文件": "recognition",
                                    "认定年度": "year"}),
}
HONOURS = ["champions", "little_giants", "specialized", "high_tech"]
XLSX = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
XLSX_RELS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def read_workbook(path):
    """The lists of a workbook as `dossier export-lists` writes it: each sheet's rows below its
    header (the 序号 “示例” row skipped), dates as Excel serial numbers, and the four honour 名单
    derived from the enterprise table by year, as dossier derives them."""
    lists = {}
    with zipfile.ZipFile(path) as book:
        strings = ["".join(t.text or "" for t in si.iter(XLSX + "t"))
                   for si in ET.fromstring(book.read("xl/sharedStrings.xml")).iter(XLSX + "si")]
        targets = {r.get("Id"): r.get("Target") for r in ET.fromstring(book.read("xl/_rels/workbook.xml.rels"))}
        for sheet in ET.fromstring(book.read("xl/workbook.xml")).iter(XLSX + "sheet"):
            key, fields = WORKBOOK[sheet.get("name")]
            rows = []
            for row in ET.fromstring(book.read("xl/" + targets[sheet.get(XLSX_RELS + "id")])).iter(XLSX + "row"):
                cells = {}
                for c in row.iter(XLSX + "c"):
                    value = c.find(XLSX + "v").text
                    cells["".join(ch for ch in c.get("r") if ch.isalpha())] = (
                        strings[int(value)] if c.get("t") == "s" else float(value))
                rows.append([cells.get(chr(ord("A") + i)) for i in range(len(fields) + 1)])
            columns = [fields.get(header) for header in rows[0]]
            entries = []
            for row in rows[1:]:
                if row[0] == "示例":
                    continue
                entry = {}
                for field, value in zip(columns, row):
                    if field is None or value is None:
                        continue
                    if field == "granted":
                        value = datetime.date(1899, 12, 30) + datetime.timedelta(days=int(value))
                    elif isinstance(value, float):
                        value = int(value)
                    entry[field] = value
                entries.append(entry)
            lists[key] = entries
    for honour in HONOURS:
        holders = sorted((e for e in lists["enterprises"] if honour in e), key=lambda e: e[honour])
        lists[honour] = [{"name": e["name"], "intro": e["intro"], "scope": e["scope"], "year": e[honour]}
                         for e in holders]
    del lists["enterprises"]
    return lists


def list_rows(cluster, spec):
    """rows: {from: …} — one numbered row per item of cluster.yaml's lists. from: a list's key,
    several keys, or {key: label} (the label fills the field `label`); fields: the item's fields
    shown (default [name]); more: rows after the list's; each: columns added to the rows in
    turn, one row per entry, the list's items repeating when they run out."""
    source = spec["from"]
    labels = source if isinstance(source, dict) else dict.fromkeys([source] if isinstance(source, str) else source)
    fields = spec.get("fields", ["name"])
    items = [[label if f == "label" else item[f] for f in fields] for key, label in labels.items() for item in cluster["lists"].get(key) or []]
    items += [m if isinstance(m, list) else [m] for m in spec.get("more", [])]
    if "each" in spec:
        items = [items[k % len(items)] + (e if isinstance(e, list) else [e]) for k, e in enumerate(spec["each"])]
    return [[n, *row] for n, row in enumerate(items, 1)]


def energy_rows(cluster):
    """rows: {calculated: energy} — output, energy and CO₂ of 2023–2025 from the yearly figures
    (亿元, 吨标准煤/万元, 吨/万元) in cluster.yaml, as a clerk's calculation table shows them."""
    output, green = cluster["industry"]["output"], cluster["green"]
    rows = []
    for y in (2023, 2024, 2025):
        out_wan = float(output[y]) * 10000
        energy, co2 = float(green["energy_intensity"][y]), float(green["co2_intensity"][y])
        rows.append([f"{y}年", f"{out_wan:,.0f}", f"{energy * out_wan:,.0f}", f"{co2 * out_wan:,.0f}", f"{energy:.2f}", f"{co2:.2f}"])
    return rows


CALCULATED = {"energy": energy_rows}


def derive_rows(value, cluster):
    """Every `rows` that names its source instead of listing its rows, filled in."""
    if isinstance(value, list):
        return [derive_rows(v, cluster) for v in value]
    if not isinstance(value, dict):
        return value
    out = {}
    for key, v in value.items():
        if key == "rows" and isinstance(v, dict):
            v = CALCULATED[v["calculated"]](cluster) if "calculated" in v else list_rows(cluster, v)
        out[key] = derive_rows(v, cluster)
    return out


class Placeholders(string.Formatter):
    """{name}, {authority[name]}…: fields of cluster.yaml; dates read 2024年9月12日."""

    def format_field(self, value, spec):
        return chinese_date(value) if isinstance(value, datetime.date) else super().format_field(value, spec)


def fill(value, context):
    """Placeholders filled in every text but the rows of tables."""
    if isinstance(value, str):
        return Placeholders().vformat(value, (), context) if "{" in value else value
    if isinstance(value, list):
        return [fill(v, context) for v in value]
    if isinstance(value, dict):
        return {k: v if k == "rows" else fill(v, context) for k, v in value.items()}
    return value


def document(entry, templates, cluster, context):
    """The kind and fields of one entry: its template's fields under its own, rows derived,
    placeholders filled. Besides cluster.yaml's fields the placeholders know {signed} (the
    cluster source's date), {count} (rows of the entry's table) and, where the entry names a
    patent by number, {patent[title]}, {patent[granted]}…"""
    spec = dict(templates[entry["use"]]) if "use" in entry else {}
    spec.update({k: v for k, v in entry.items() if k not in ("use", "file")})
    spec = derive_rows(spec, cluster)
    context = dict(context)
    if "table" in spec:
        context["count"] = len(spec["table"]["rows"])
    if "patent" in spec:
        number = spec.pop("patent")
        found = [p for p in cluster["lists"]["patents"] if p["number"] == number]
        if not found:
            raise ValueError(f"no patent {number} in cluster.yaml")
        context["patent"] = found[0]
    return fill(spec, context)


# ---------------------------------------------------------------------------------------------
# Running it.


def read_yaml(path):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def generate(slug, root, templates):
    """Draw every document of one cluster into root/<slug>/evidence/; returns the files written."""
    cluster = load_cluster(slug)
    source = read_yaml(DATA / slug / SOURCE)
    context = {**cluster, **{k: v for k, v in source.items() if k != "evidence"}}
    for folder, entries in source["evidence"].items():
        for entry in entries:
            relative = f"{slug}/evidence/{folder}/{entry['file']}"
            # each file draws from its own generator, seeded by its path: one changed document
            # leaves the others' bytes alone
            rng = random.Random(zlib.crc32(relative.encode()))
            try:
                spec = document(entry, templates, cluster, context)
                kind = spec.pop("kind")
                if kind not in KINDS:
                    raise ValueError(f"kind {kind} is none of {', '.join(KINDS)}")
                KINDS[kind](root / relative, rng, **spec)
            except (KeyError, TypeError, ValueError) as e:
                sys.exit(f"{DATA / slug / SOURCE}: {folder}/{entry['file']}: {e!r}")
    return sorted(p for p in (root / slug / "evidence").rglob("*") if p.is_file())


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", help="one cluster (its folder name, e.g. pingyao-beef)")
    ap.add_argument("--check", action="store_true", help="compare with the committed scans instead of replacing them")
    args = ap.parse_args()
    if args.only and not (DATA / args.only / SOURCE).is_file():
        ap.error(f"no {SOURCE} in {DATA / args.only}")
    if PIL.__version__ != PILLOW:
        print(f"Pillow {PIL.__version__}: the committed scans were made with {PILLOW}; other versions may write other bytes", file=sys.stderr)
    slugs = [args.only] if args.only else sorted(p.parent.name for p in DATA.glob(f"*/{SOURCE}"))
    templates = read_yaml(DATA / SOURCE)["templates"]
    differ = []
    # all drawn into a temporary folder first: a failure leaves the committed scans as they were
    with tempfile.TemporaryDirectory() as tmp:
        for slug in slugs:
            made = generate(slug, Path(tmp), templates)
            print(f"{slug}: {len(made)} files, {sum(p.stat().st_size for p in made) / 1e6:.2f} MB")
        for slug in slugs:
            drawn, target = Path(tmp) / slug / "evidence", DATA / slug / "evidence"
            if args.check:
                names = {p.relative_to(root).as_posix() for root in (drawn, target) for p in root.rglob("*") if p.is_file()}
                differ += [f"{slug}/evidence/{n}" for n in sorted(names) if not (drawn / n).is_file() or not (target / n).is_file() or not filecmp.cmp(drawn / n, target / n, shallow=False)]
            else:
                shutil.rmtree(target, ignore_errors=True)
                shutil.move(drawn, target)
    if args.check:
        for name in differ:
            print(f"differs: {name}")
        print(f"{len(differ)} files differ from the committed scans" if differ else "identical to the committed scans")
        sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
