#!/usr/bin/env python3
"""Generate the example evidence scans under data/jinzhong/*/evidence/.

The example clusters need 佐证材料 that look like what a county office really sends: A4 pages
scanned at 150 dpi on slightly yellowish paper, a touch of noise and skew, official documents
with red heads and red round seals, certificates, tables, a photo taken sideways, a landscape
table, a Letter-size page from abroad, a multi-page TIFF. Formats are mixed as counties send
them (mostly JPEG, some PNG, multi-page PDF, one TIFF).

Content comes from each cluster.yaml (enterprise lists, patents, standards, platforms…) so that
the scans and the data agree, plus the document texts written here.

This is a maintainer's tool: the generated files are committed and the build never runs it.

    pip install pillow pyyaml
    python3 tools/make-evidence.py            # regenerate every evidence folder

Output is deterministic: every file is drawn from its own random generator seeded by its path.
"""

import argparse
import datetime
import hashlib
import io
import math
import random
import shutil
import sys
import tempfile
import time
import zlib
from pathlib import Path

import yaml
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont, ImageOps

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "fonts"
DATA = ROOT / "data" / "jinzhong"

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


# ---------------------------------------------------------------------------------------------
# Pages and flowing documents.


class Doc:
    """A document of pages with a cursor; text flows onto new pages as needed."""

    def __init__(self, size=A4, top=200, left=165, right=150, bottom=190, numbered=False):
        self.size = size
        self.top, self.left, self.right, self.bottom = top, left, right, bottom
        self.numbered = numbered
        self.pages = []
        self.colour = False
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

    def paras(self, texts, **kw):
        for t in texts:
            self.para(t, **kw)

    def rule(self, colour=INK, width=2, double=False):
        self.d.line([(self.left, self.y), (self.size[0] - self.right, self.y)], fill=colour, width=width)
        if double:
            self.d.line([(self.left, self.y + width + 4), (self.size[0] - self.right, self.y + width + 4)], fill=colour, width=1)
        self.y += 18

    def redhead(self, org, number=None, kind="文件"):
        """红头: the issuing organ in red 小标宋, the 发文字号, a red line."""
        self.colour = True
        s = px(30) if len(org) + len(kind) <= 13 else px(26)
        head = org + kind
        w = text_width(head, "bold", s)
        scale = min(1.0, self.width / w)
        # draw wide and squeeze a little, as the 红头 type is set
        tmp = Image.new("RGBA", (int(w) + 10, int(s * 1.4)), (255, 255, 255, 0))
        draw_text(ImageDraw.Draw(tmp), (4, 0), head, "bold", s, RED + (255,))
        tmp = tmp.resize((int(tmp.width * scale), int(tmp.height * 1.05)))
        x = (self.size[0] - tmp.width) // 2
        self.im.paste(tmp, (x, self.y), tmp)
        self.y += tmp.height + 40
        if number:
            self.line(number, 16, "song", "center", gap=52)
        self.d.line([(self.left - 10, self.y), (self.size[0] - self.right + 10, self.y)], fill=RED, width=3)
        self.y += 60

    def table(self, widths, header, rows, size=11, role="song", head_role="hei", pad=8, lead=1.35, min_row=0, repeat_header=True):
        """A ruled table; widths are fractions of the type width. Rows flow onto new pages."""
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
            self.rows.append((self.im, self.y, h))
            self.y += h

        self.rows = []
        if header:
            self.ensure(layout(header, head_role)[1] * 2)
            draw_row(header, head_role, True)
        for row in rows:
            h = layout(row, role)[1]
            if self.y + h > self.size[1] - self.bottom:
                self.new_page()
                if header and repeat_header:
                    draw_row(header, head_role, True)
            centre = [len(str(c)) <= 6 or str(c).replace(",", "").replace(".", "").replace("-", "").isdigit() for c in row]
            draw_row(row, role, centre)
        self.y += 20

    def signoff(self, org, date, seal=True, seal_sub=None, x_right=None, rng=None, seal_text=None):
        """落款: organisation and date right of centre, the seal over them."""
        s = px(16)
        self.ensure(s * 4.5, slack=120)  # a 落款 may run into the bottom margin rather than stand alone
        self.y += s
        right = (self.size[0] - self.right - 40) if x_right is None else x_right
        w1 = text_width(org, "song", s)
        date_text = chinese_date(date)
        w2 = text_width(date_text, "song", s)
        cx = right - max(w1, w2) / 2
        draw_text(self.d, (cx - w1 / 2, self.y), org, "song", s)
        y_org = self.y
        self.y += round(s * 1.8)
        draw_text(self.d, (cx - w2 / 2, self.y), date_text, "song", s)
        self.y += round(s * 1.8)
        if seal:
            # 上不压正文、下压成文日期: the seal sits over the signature and the date
            stamp(self, seal_text or org, cx, y_org + s * 1.5, rng or random.Random(org), sub=seal_sub)

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


def chinese_date(d):
    if isinstance(d, str):
        d = datetime.date.fromisoformat(d)
    return f"{d.year}年{d.month}月{d.day}日"


# ---------------------------------------------------------------------------------------------
# Seals and signatures.


def make_seal(org, rng, diameter=236, sub=None, colour=SEAL_RED, oval=False):
    """A red round seal: ring, the organisation's name around the top, a star, optional text
    below the star. Drawn at twice the size and reduced, then inked unevenly."""
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
    if sub:
        ss = round(D * 0.085)
        w = text_width(sub, "bold", ss)
        draw_text(d, (c - w / 2, c + R * 0.42), sub, "bold", ss, 255)
    im = im.resize((im.width // k, im.height // k), Image.Resampling.LANCZOS)
    # uneven ink: a smooth random field, some specks
    field = Image.frombytes("L", (12, 12), rng.randbytes(144)).resize(im.size, Image.Resampling.BICUBIC)
    field = field.point(lambda v: 150 + v * 105 // 255)
    specks = Image.frombytes("L", im.size, rng.randbytes(im.width * im.height)).point(lambda v: 0 if v < 14 else 255)
    alpha = ImageChops.multiply(ImageChops.multiply(im, field), specks).filter(ImageFilter.GaussianBlur(0.7))
    alpha = alpha.rotate(rng.uniform(-18, 18), resample=Image.Resampling.BICUBIC)
    if oval:
        alpha = alpha.resize((round(alpha.width * 1.25), round(alpha.height * 0.85)))
    return alpha, colour


def stamp(doc_or_im, org, cx, cy, rng, sub=None, diameter=236, colour=SEAL_RED, oval=False):
    im = doc_or_im.im if isinstance(doc_or_im, Doc) else doc_or_im
    if isinstance(doc_or_im, Doc):
        doc_or_im.colour = True
    alpha, colour = make_seal(org, rng, diameter, sub, colour, oval)
    cx += rng.uniform(-25, 25)
    cy += rng.uniform(-18, 18)
    layer = Image.new("RGB", alpha.size, colour)
    white = Image.new("RGB", alpha.size, "white")
    ink = Image.composite(layer, white, alpha)
    box = (round(cx - alpha.width / 2), round(cy - alpha.height / 2))
    region = im.crop((box[0], box[1], box[0] + alpha.width, box[1] + alpha.height))
    im.paste(ImageChops.multiply(region, ink), box)


def sign(doc, name, x, y, rng, size=44, colour=(28, 30, 62)):
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
    im = doc.im if isinstance(doc, Doc) else doc
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


def exif_orientation(orientation, when):
    exif = Image.Exif()
    exif[0x0112] = orientation  # Orientation
    exif[0x010F] = "HUAWEI"  # Make
    exif[0x0110] = "NOH-AN00"  # Model
    exif[0x0132] = when  # DateTime
    return exif.tobytes()


def rng_for(path):
    return random.Random(zlib.crc32(str(path.relative_to(DATA)).encode()))


# ---------------------------------------------------------------------------------------------
# Building blocks of the documents counties send.


def notice(out, *, org, kind="文件", number, title, recipient=None, body, date, seal_org=None, tables=(), signer=None, numbered=False, extra=None):
    """An official document: 红头, 发文字号, title, 主送, body, 落款 with seal; optional tables after."""
    rng = rng_for(out)
    doc = Doc(numbered=numbered)
    doc.redhead(org, number, kind)
    doc.title(title, size=20)
    if recipient:
        doc.para(recipient + "：", indent=0)
    doc.paras(body)
    for caption, widths, header, rows in tables:
        if caption:
            doc.space(10)
            doc.line(caption, 14, "hei", "center", gap=50)
        doc.table(widths, header, rows)
    if extra:
        extra(doc, rng)
    doc.signoff(seal_org or org, date, rng=rng)
    if signer:
        sign(doc, signer, doc.left + 60, doc.y - 60, rng)
    doc.page_numbers()
    write_pages(out, doc.pages, rng)
    return doc


def write_pages(out, pages, rng, gray=None, quality=None, bilevel=False):
    """Scan the pages and write them in the file's format. bilevel: the scanner's black-and-white
    document mode (1 bit, CCITT G4 in PDF), which long lists are usually scanned in."""
    fmt = {"jpeg": "jpg", "tiff": "tif"}.get(out.suffix[1:], out.suffix[1:])
    scanned = [scan(p, rng, gray=gray or bilevel) for p in pages]
    if bilevel:
        scanned = [to_bilevel(p) for p in scanned]
    if fmt == "jpg":
        # a scanner writes one JPEG per page: name-1.jpg, name-2.jpg
        if len(scanned) == 1:
            save_jpeg(out, scanned[0], quality or 60)
        else:
            for i, page in enumerate(scanned, 1):
                save_jpeg(out.with_name(f"{out.stem}-{i}{out.suffix}"), page, quality or 60)
    elif fmt == "png":
        assert len(scanned) == 1, out
        save_png(out, scanned[0] if bilevel else posterize_scan(scanned[0]))
    elif fmt == "pdf":
        save_pdf(out, scanned, quality or 50)
    elif fmt == "tif":
        save_tiff(out, [posterize_scan(p) for p in scanned])
    else:
        raise ValueError(fmt)


def to_bilevel(im):
    return im.convert("L").point(lambda v: 255 if v > 172 else 0).convert("1", dither=Image.Dither.NONE)


def posterize_scan(im):
    """TIFF pages from a document scanner in text mode: grey, few levels, LZW-friendly."""
    g = im.convert("L")
    return g.point(lambda v: 232 if v > 190 else (v // 24) * 24)


def list_doc(out, *, title, subtitle=None, widths, header, rows, org, date, note=None, size=A4, font_size=11, seal=True, numbered=True, preface=None, bilevel=False):
    """A 清单/名单 prepared by the county office: title, table, 填报单位 and seal."""
    rng = rng_for(out)
    land = size[0] > size[1]
    doc = Doc(size=size, top=150 if land else 170, left=120 if land else 130, right=120 if land else 120, bottom=150, numbered=numbered)
    doc.title(title, size=18)
    if subtitle:
        doc.line(subtitle, 12, "song", "left", gap=46)
    if preface:
        doc.paras(preface, size=14, lead=1.7)
        doc.space(6)
    doc.table(widths, header, rows, size=font_size)
    if note:
        doc.para(note, size=11, indent=0, lead=1.5)
    if seal:
        doc.signoff(org, date, rng=rng)
    doc.page_numbers()
    write_pages(out, doc.pages, rng, bilevel=bilevel)
    return doc


def agreement(out, *, title, number=None, parties, clauses, signers, date):
    """A 协议/合同: parties, numbered clauses, two signature blocks with seals."""
    rng = rng_for(out)
    doc = Doc(top=170, numbered=True)
    doc.title(title, size=20)
    if number:
        doc.line("合同编号：" + number, 12, "song", "right", gap=50)
    for role, name in parties:
        doc.para(f"{role}：{name}", size=14, indent=0, lead=1.7)
    doc.space(10)
    for i, c in enumerate(clauses, 1):
        doc.para(c, size=14, lead=1.75)
    doc.ensure(px(14) * 9)
    doc.space(30)
    y0 = doc.y
    half = doc.width / 2
    for k, (role, name, person) in enumerate(signers):
        x = doc.left + k * half
        s = px(13)
        draw_text(doc.d, (x, y0), f"{role}（盖章）：", "song", s)
        draw_text(doc.d, (x, y0 + s * 1.9), name, "song", s)
        draw_text(doc.d, (x, y0 + s * 3.8), "法定代表人或授权代表（签字）：", "song", s)
        draw_text(doc.d, (x, y0 + s * 7.3), chinese_date(date), "song", s)
        sign(doc, person, x + 60, y0 + s * 5.9, rng)
        stamp(doc, name, x + half * 0.45, y0 + s * 2.6, rng, diameter=220)
    doc.y = y0 + px(13) * 9
    doc.page_numbers()
    write_pages(out, doc.pages, rng)


def report(out, *, cover_title, cover_lines, org, date, sections):
    """A bound report: a cover page with the issuing body's seal, then the text pages."""
    rng = rng_for(out)
    doc = Doc(top=200, numbered=False)
    doc.space(260)
    doc.title(cover_title, size=26)
    doc.space(260)
    for label, value in cover_lines:
        doc.line(f"{label}：{value}", 16, "song", "left", x=doc.left + 120, gap=70)
    doc.space(120)
    doc.line(org, 16, "song", "center", gap=60)
    doc.line(chinese_date(date), 16, "song", "center")
    stamp(doc, org, doc.size[0] / 2, doc.y - 90, rng)
    doc.new_page()
    for head, paras in sections:
        doc.line(head, 16, "hei", gap=62)
        if isinstance(paras, tuple) and paras and paras[0] == "table":
            _, widths, header, rows = paras
            doc.table(widths, header, rows)
        else:
            doc.paras(paras, size=14, lead=1.75)
    doc.page_numbers()
    write_pages(out, doc.pages, rng)


def certificate(out, *, size=A4, title, title_colour=(176, 26, 30), lines, org_lines, date, seals, number=None, border=(184, 142, 60), bg=(251, 246, 232), photo_quality=62, subtitle=None, body_size=18):
    """A certificate: tinted paper, a patterned border, a big title, the text, seals."""
    rng = rng_for(out)
    w, h = size
    im = Image.new("RGB", size, bg)
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
        d.ellipse([cx - r, cy - r * 0.8, cx + r, cy + r * 0.8], outline=tuple(min(255, c + 8) for c in (bg[0] - 14, bg[1] - 12, bg[2] - 18)))
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
            continue
        if ln.startswith("^"):
            doc.line(ln[1:], body_size + 6, "bold", "center", gap=round(px(body_size + 6) * 1.9))
        else:
            doc.para(ln, size=body_size, indent=2, lead=1.9)
    doc.y = max(doc.y + 40, h - m - 420)
    right = w - m - 170
    for ln in org_lines + [chinese_date(date)]:
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
        save_jpeg(out, scanned, photo_quality)


def chain_map(out, *, title, columns, footer, note=None):
    """An industry-chain map exported from the county's slides: clean landscape PNG."""
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
    for i, (head, colour, nodes) in enumerate(columns):
        x = 80 + i * (cw + gap)
        d.rounded_rectangle([x, top, x + cw, top + 70], 12, fill=colour)
        hs = px(16)
        hw = text_width(head, "hei", hs)
        draw_text(d, (x + (cw - hw) / 2, top + 16), head, "hei", hs, "white")
        light = tuple(c + (255 - c) * 4 // 5 for c in colour)
        y = top + 100
        avail = h - 140 - y
        each = avail / len(nodes)
        for name, firms in nodes:
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


def spreadsheet(out, *, title, header, rows, widths, notes=(), size=A4_LANDSCAPE):
    """A worksheet exported to PNG (a county clerk's calculation table): clean, few colours."""
    w, h = size
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


def expo_photo(out, *, banner, sub, kind, when, orientation=6, size=(1400, 1050)):
    """A phone photo of the cluster's booth at a fair. With orientation 6 the pixels are stored
    turned 90° counter-clockwise and the EXIF tag says to turn them back, as phones do."""
    rng = rng_for(out)
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
    tw = text_width(sub, "song", s2)
    draw_text(d, ((w - tw) / 2, by0 + 96), sub, "song", s2, (255, 230, 200))
    # shelves with products
    for row in range(3):
        sy = by0 + int(h * 0.26) + row * int(h * 0.12)
        d.rectangle([bx0 + 40, sy, bx1 - 40, sy + 8], fill=(120, 100, 80))
        x = bx0 + 60
        while x < bx1 - 90:
            pw = rng.randint(34, 62)
            ph = rng.randint(50, 100) if kind != "beef" else rng.randint(40, 60)
            top = sy - ph
            if kind == "glass":
                tint = rng.choice([(210, 230, 235), (225, 238, 240), (200, 220, 215), (235, 225, 205), (190, 210, 230)])
                if rng.random() < 0.4:  # vase
                    d.ellipse([x, top + ph * 0.3, x + pw, sy], fill=tint, outline=(150, 170, 175))
                    d.rectangle([x + pw * 0.35, top, x + pw * 0.65, top + ph * 0.4], fill=tint, outline=(150, 170, 175))
                else:  # cup
                    d.polygon([(x, top), (x + pw, top), (x + pw * 0.85, sy), (x + pw * 0.15, sy)], fill=tint, outline=(140, 160, 170))
                d.line([(x + pw * 0.25, top + 6), (x + pw * 0.3, sy - 8)], fill=(255, 255, 255), width=3)
            elif kind == "beef":
                col = rng.choice([(150, 40, 36), (180, 120, 50), (120, 30, 30), (200, 160, 90)])
                d.rounded_rectangle([x, top, x + pw, sy], 6, fill=col, outline=(90, 40, 30))
                d.rectangle([x + 6, top + 10, x + pw - 6, top + 24], fill=(240, 220, 170))
            else:  # hydraulic cylinders and valves
                col = rng.choice([(60, 90, 140), (200, 120, 30), (90, 90, 95), (30, 100, 70)])
                if rng.random() < 0.5:
                    d.rectangle([x, top + ph * 0.4, x + pw * 1.8, sy - ph * 0.2], fill=col)
                    d.rectangle([x + pw * 1.8, top + ph * 0.5, x + pw * 2.4, sy - ph * 0.3], fill=(200, 200, 205))
                    pw = int(pw * 2.4)
                else:
                    d.rectangle([x, top + ph * 0.3, x + pw, sy], fill=col)
                    d.ellipse([x + pw * 0.2, top + ph * 0.4, x + pw * 0.5, top + ph * 0.6], fill=(220, 220, 220))
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
    exif = exif_orientation(orientation, when)
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


def letter_page(out, *, heading, lines, stamp_lines, seal_text, signer=None):
    """A one-page document from the US on Letter paper, scanned there and sent as PDF."""
    rng = rng_for(out)
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
    for ln in stamp_lines:
        tw = text_width(ln, "bold", 22)
        draw_text(bd, ((380 - tw) / 2, yy), ln, "bold", 22, 255)
        yy += 40
    box = box.rotate(rng.uniform(-4, 4), expand=True, resample=Image.Resampling.BICUBIC)
    doc.im.paste(Image.new("RGB", box.size, (40, 50, 120)), (x0, y0), box)
    if signer:
        sign(doc, signer, doc.left + 20, doc.y - 100, rng, size=40)
    stamp(doc, seal_text, doc.size[0] - 330, doc.size[1] - 330, rng, diameter=200, colour=(150, 120, 40))
    doc.colour = True
    scanned = [scan(p, rng, gray=False, paper=(243, 242, 238)) for p in doc.pages]
    save_pdf(out, scanned)


# ---------------------------------------------------------------------------------------------
# Helpers over the cluster data.


def load(slug):
    with open(DATA / slug / "cluster.yaml", encoding="utf-8") as f:
        return yaml.safe_load(f)


def ev(slug, folder, name):
    return DATA / slug / "evidence" / folder / name


def enterprise_rows(c):
    rows = []
    kinds = [("champions", "国家级制造业单项冠军企业"), ("little_giants", "国家级专精特新“小巨人”企业"), ("specialized", "省级专精特新中小企业"), ("high_tech", "国家级高新技术企业")]
    n = 0
    for key, label in kinds:
        for e in c["lists"].get(key) or []:
            n += 1
            rows.append([n, e["name"], label, e["intro"], e["year"]])
    return rows


def patent_rows(c):
    return [[i, p["title"], p["number"], p["owner"], p["granted"] if isinstance(p["granted"], str) else p["granted"].isoformat()] for i, p in enumerate(c["lists"]["patents"], 1)]


def standard_rows(c):
    return [[i, s["name"], s["code"], s["category"], s["role"], s["year"], s["enterprise"]] for i, s in enumerate(c["lists"]["standards"], 1)]


def platform_rows(c):
    return [[i, p["name"], p["level"], p["host"], p["year"]] for i, p in enumerate(c["lists"]["platforms"], 1)]


def project_rows(c):
    return [[i, p["name"], p["level"], p["enterprise"], p["year"]] for i, p in enumerate(c["lists"]["projects"], 1)]


def green_rows(c):
    return [[i, g["name"], g["kind"], g["level"], g["year"]] for i, g in enumerate(c["lists"]["green_system"], 1)]


def branch_rows(c):
    return [[i, b["name"], b["country"], b["enterprise"], b["year"]] for i, b in enumerate(c["lists"]["overseas_branches"], 1)]


def service_rows(c):
    return [[i, s["name"], s["operator"], s["recognition"], s["year"]] for i, s in enumerate(c["lists"]["service_platforms"], 1)]


# ---------------------------------------------------------------------------------------------
# 祁县玻璃器皿产业 (qixian-glass): provincial and national application.

CITY_RECOGNITION_2024 = [
    [1, "祁县玻璃器皿产业集群", "祁县", "日用玻璃器皿"],
    [2, "平遥县牛肉食品产业集群", "平遥县", "肉制品加工"],
    [3, "太谷区设施蔬菜种苗产业集群", "太谷区", "蔬菜种苗繁育"],
    [4, "介休市煤焦化工新材料产业集群", "介休市", "焦化副产品精深加工"],
    [5, "寿阳县铸造产业集群", "寿阳县", "铸造件"],
    [6, "灵石县镁合金产业集群", "灵石县", "镁合金压铸件"],
]


def city_recognition(slug, ext):
    name = "01-晋中市中小企业特色产业集群认定文件." + ext
    notice(
        ev(slug, "03-市级集群认定", name),
        org="晋中市工业和信息化局",
        number="市工信发〔2024〕52号",
        title="晋中市工业和信息化局关于公布2024年度晋中市中小企业特色产业集群名单的通知",
        recipient="各县（市、区）工信局，晋中开发区经济发展局",
        body=[
            "为贯彻落实《促进中小企业特色产业集群发展暂行办法》和《山西省中小企业特色产业集群认定管理办法》，推动我市中小企业特色化、专业化、集群化发展，按照《晋中市中小企业特色产业集群培育工作方案》，经县（市、区）申报、材料审核、专家评审和实地核查，认定祁县玻璃器皿产业集群等6个集群为2024年度晋中市中小企业特色产业集群，现予公布。",
            "各县（市、区）要把特色产业集群培育作为促进中小企业高质量发展的重要抓手，明确集群运营管理机构，完善集群发展规划，加大政策、资金、要素支持力度，推动集群内中小企业梯度成长，积极争创省级和国家级中小企业特色产业集群。",
            "市工信局将对认定集群实行动态管理，每年开展一次发展情况监测，对发展停滞、出现重大安全环保事故的集群撤销认定。",
        ],
        date="2024-09-12",
        tables=[("附件：2024年度晋中市中小企业特色产业集群名单", [0.7, 4, 1.8, 2.6], ["序号", "集群名称", "所在县（市、区）", "主导产业"], CITY_RECOGNITION_2024)],
        numbered=True,
    )


def key_enterprises(slug, c, county_office, date):
    list_doc(
        ev(slug, "04-重点企业名单", "01-集群内重点企业名单.pdf"),
        title=f"{c['name']}集群内重点企业名单",
        subtitle=f"填报单位：{county_office}（盖章）　　　　截至2025年12月31日",
        widths=[0.6, 2.6, 2.0, 5.2, 0.9],
        header=["序号", "企业名称", "类别", "企业简介", "认定年度"],
        rows=enterprise_rows(c),
        org=county_office,
        date=date,
        note="注：同一企业获得多项认定的，按类别分别列示；国家级高新技术企业认定年度为最近一次认定（复审）年度。",
        font_size=10,
        bilevel=True,
    )


def patents_list(slug, c, county_office, date):
    list_doc(
        ev(slug, "10-有效发明专利", "01-中小企业有效发明专利清单.pdf"),
        title=f"{c['name']}集群内中小企业有效发明专利清单",
        subtitle=f"填报单位：{county_office}（盖章）　　　　统计截止日期：2025年12月31日",
        widths=[0.6, 4.2, 2.4, 3.0, 1.5],
        header=["序号", "专利名称", "专利号", "专利权人", "授权公告日"],
        rows=patent_rows(c),
        org=county_office,
        date=date,
        note=f"注：以上{len(c['lists']['patents'])}件均为截至2025年12月31日处于有效状态的发明专利，专利法律状态经中国及多国专利审查信息查询系统核实。",
        font_size=10,
        bilevel=True,
    )


def standards_list(slug, c, county_office, date):
    list_doc(
        ev(slug, "08-标准清单", "01-中小企业主持或参与制修订标准清单.jpg"),
        title=f"{c['name']}集群中小企业近三年主持或参与制修订标准清单",
        subtitle=f"填报单位：{county_office}（盖章）",
        widths=[0.6, 3.2, 2.3, 0.9, 0.9, 0.9, 3.0],
        header=["序号", "标准名称", "标准编号", "类别", "主持/参与", "发布年度", "主持或参与企业"],
        rows=standard_rows(c),
        org=county_office,
        date=date,
        note="注：主持指企业为起草单位排名前三位；标准发布年度为2023—2025年。",
        font_size=10.5,
    )


def platforms_list(slug, c, county_office, date, name="01-创新平台清单.jpg"):
    list_doc(
        ev(slug, "09-创新平台", name),
        title=f"{c['name']}创新平台建设情况清单",
        subtitle=f"填报单位：{county_office}（盖章）",
        widths=[0.6, 4.4, 1.0, 3.6, 1.0],
        header=["序号", "平台名称", "级别", "依托单位", "认定年度"],
        rows=platform_rows(c),
        org=county_office,
        date=date,
        font_size=11,
    )


def glass():
    slug = "qixian-glass"
    c = load(slug)
    office = "祁县工业和信息化局"
    date = "2026-04-28"
    operator = "祁县经济开发区管理委员会"

    # 03 recognition: city level (provincial application), provincial 专业镇 (national application)
    city_recognition(slug, "pdf")
    notice(
        ev(slug, "03-省级集群认定", "01-山西省重点专业镇名单（祁县玻璃器皿专业镇）.jpg"),
        org="山西省工业和信息化厅",
        number="晋工信中小企字〔2021〕158号",
        title="山西省工业和信息化厅关于公布山西省重点专业镇名单的通知",
        recipient="各市工业和信息化局",
        body=[
            "为贯彻落实省委、省政府关于推动特色专业镇高质量发展的决策部署，根据《山西省推进特色专业镇发展实施意见》，经各市推荐、专家评审，确定祁县玻璃器皿专业镇等10个专业镇为山西省重点专业镇，现予公布。",
            "各地要按照“一镇一策”要求，编制专业镇发展规划，完善公共服务平台，培育龙头企业和专精特新中小企业，推动专业镇产业链延伸和品牌建设。",
        ],
        date="2021-11-26",
        tables=[("山西省重点专业镇名单", [0.8, 4, 2.5], ["序号", "专业镇名称", "所在市"], [
            [1, "祁县玻璃器皿专业镇", "晋中市"], [2, "平遥牛肉专业镇", "晋中市"], [3, "清徐精品醋专业镇", "太原市"],
            [4, "汾阳汾酒专业镇", "吕梁市"], [5, "定襄法兰锻造专业镇", "忻州市"], [6, "太谷设施农业装备专业镇", "晋中市"],
            [7, "上党中药材专业镇", "长治市"], [8, "阳城陶瓷专业镇", "晋城市"], [9, "新绛钢构专业镇", "运城市"], [10, "原平农机装备专业镇", "忻州市"]])],
    )

    # 04 key enterprises
    key_enterprises(slug, c, office, date)
    certificate(
        ev(slug, "04-重点企业名单", "02-制造业单项冠军企业证书.jpg"),
        title="制造业单项冠军企业",
        number="证书编号：DXGJ2024-0387",
        lines=["^山西晶鼎玻璃器皿股份有限公司", "", "主营产品：高硼硅耐热玻璃器皿", "", "经评审，贵单位被认定为第九批制造业单项冠军企业，特发此证。", "有效期：2024年12月至2027年12月"],
        org_lines=["中华人民共和国工业和信息化部", "中国工业经济联合会"],
        date="2024-12-20",
        seals=["中华人民共和国工业和信息化部", "中国工业经济联合会"],
    )
    certificate(
        ev(slug, "04-重点企业名单", "03-专精特新小巨人企业证书（华瑞）.jpg"),
        size=A4_LANDSCAPE,
        title="专精特新“小巨人”企业",
        lines=["^祁县东观华瑞玻璃有限公司", "经审核，贵单位被认定为国家级专精特新“小巨人”企业。", "有效期：2024年8月至2027年8月"],
        org_lines=["中华人民共和国工业和信息化部"],
        date="2024-08-16",
        seals=["中华人民共和国工业和信息化部"],
        border=(170, 40, 40),
        bg=(253, 248, 238),
        body_size=17,
    )

    # 05 强链补链
    chain_map(
        ev(slug, "05-产业链强链补链", "01-祁县玻璃器皿产业链图谱.png"),
        title="祁县玻璃器皿产业链图谱（2025年版）",
        columns=[
            ("上游 · 原料与装备", (38, 92, 160), [
                ("石英砂、纯碱、硼砂", ["祁县瑞丰石英砂有限公司", "（外购：内蒙古、河北）"]),
                ("窑炉与成型装备", ["祁县晟达玻璃机械有限公司", "山西祁晶智能装备有限公司"]),
                ("模具", ["祁县鼎兴模具有限公司"]),
                ("天然气、电力", ["集中采购（县燃气公司）"]),
            ]),
            ("中游 · 熔制成型与深加工", (204, 110, 30), [
                ("高硼硅耐热玻璃器皿", ["山西晶鼎玻璃器皿股份有限公司", "山西祁光高硼硅玻璃科技有限公司", "山西汇晶耐热玻璃有限公司"]),
                ("无铅水晶 · 机压玻璃杯", ["祁县昭馀玻璃制品有限公司", "祁县东观华瑞玻璃有限公司", "祁县鑫磊玻璃器皿有限公司"]),
                ("艺术玻璃 · 料器", ["山西麓台晶艺玻璃有限公司", "山西恒亮玻璃工艺品有限公司", "山西古城料器工艺品有限公司"]),
                ("彩印 · 贴花 · 烤花", ["山西盛彩玻璃彩印有限公司"]),
            ]),
            ("下游 · 包装物流与市场", (40, 140, 90), [
                ("包装", ["山西晋瓷玻璃包装有限公司"]),
                ("仓储物流 · 海运订舱", ["玻璃器皿公共仓储物流中心"]),
                ("跨境电商 · 直播", ["祁县城赵玻璃艺术品有限公司", "跨境电商直播基地"]),
                ("国内家居、小家电链主企业", ["高硼硅玻璃壶、杯配套"]),
            ]),
        ],
        note="薄弱环节（招商补链方向）：高纯低铁石英砂提纯、全电熔窑炉工程、高端模具钢、玻璃器皿工业设计。",
        footer="祁县工业和信息化局　2025年3月",
    )
    notice(
        ev(slug, "05-产业链强链补链", "02-玻璃器皿产业链揭榜挂帅项目榜单.jpg"),
        org="祁县工业和信息化局",
        number="祁工信发〔2024〕17号",
        title="关于发布2024年度祁县玻璃器皿产业链“揭榜挂帅”技术攻关项目榜单的通知",
        recipient="县内各玻璃器皿企业，各有关高校、科研院所",
        body=[
            "为破解玻璃器皿产业链关键技术难题，根据《祁县玻璃器皿产业链技术难点清单（2024年）》，现发布2024年度“揭榜挂帅”技术攻关项目6项，面向社会公开张榜，揭榜成功的项目按攻关投入的20%给予最高50万元奖励。请有意向的单位于2024年5月31日前向县工信局提交揭榜方案。",
        ],
        date="2024-04-18",
        tables=[("2024年度“揭榜挂帅”项目榜单", [0.6, 3.6, 2.6, 1.4], ["序号", "攻关方向", "发榜企业", "榜额（万元）"], [
            [1, "高硼硅玻璃电熔拉管壁厚均匀性控制", "山西祁光高硼硅玻璃科技有限公司", 180],
            [2, "低膨胀耐热玻璃配合料国产化替代", "山西晶鼎玻璃器皿股份有限公司", 150],
            [3, "玻璃器皿在线缺陷视觉检测算法", "祁县东观华瑞玻璃有限公司", 90],
            [4, "模具内腔激光熔覆修复工艺", "祁县鼎兴模具有限公司", 60],
            [5, "低温无铅彩釉配方及彩烤工艺", "山西盛彩玻璃彩印有限公司", 70],
            [6, "玻璃窑炉富氧燃烧节能控制", "祁县昭馀玻璃制品有限公司", 120]])],
    )
    agreement(
        ev(slug, "05-产业链强链补链", "03-高硼硅玻璃创新联合体合作协议.jpg"),
        title="祁县高硼硅玻璃创新联合体合作协议（摘要）",
        parties=[("甲方（牵头单位）", "山西晶鼎玻璃器皿股份有限公司"), ("乙方", "中北大学材料科学与工程学院"), ("丙方", "山西祁光高硼硅玻璃科技有限公司")],
        clauses=[
            "一、三方共同组建祁县高硼硅玻璃创新联合体，围绕电熔拉管、低膨胀配合料、双层杯熔封等产业链关键环节开展联合攻关，成果优先在集群内转化应用。",
            "二、甲方负责提供中试生产线和工程化验证条件，每年投入研发经费不少于800万元；乙方派驻科研团队不少于6人，负责基础研究和工艺优化；丙方负责电熔拉管工艺验证和产品配套。",
            "三、联合攻关形成的知识产权按各方实际贡献确定归属，集群内中小企业使用相关成果的，享受优惠许可条件。",
            "四、本协议有效期三年，自2023年3月1日起至2026年2月28日止。",
        ],
        signers=[("甲方", "山西晶鼎玻璃器皿股份有限公司", "张国栋"), ("乙方", "中北大学材料科学与工程学院", "刘文博")],
        date="2023-02-24",
    )

    # 06 协同协作
    agreement(
        ev(slug, "06-产业链资源协同协作", "01-共享模具中心设备共享服务协议.jpg"),
        title="祁县玻璃器皿共享模具中心设备共享服务协议",
        number="QXGX-2024-031",
        parties=[("服务方", "祁县鼎兴模具有限公司（共享模具中心运营单位）"), ("使用方", "祁县来远晶华玻璃有限公司")],
        clauses=[
            "一、服务方向使用方开放五轴加工中心、激光熔覆修复设备、三坐标测量仪等共享设备，提供模具设计、加工和修复服务。",
            "二、收费按《祁县共享模具中心服务收费标准》执行，集群内中小企业享受八折优惠，县财政对使用方给予30%的服务费补贴。",
            "三、服务方应在接单后7个工作日内完成一般模具修复，使用方应按约定时间提供模具和技术要求。",
            "四、本协议有效期自2024年3月1日至2025年12月31日。",
        ],
        signers=[("服务方", "祁县鼎兴模具有限公司", "李宏伟"), ("使用方", "祁县来远晶华玻璃有限公司", "赵建华")],
        date="2024-02-26",
    )
    doc = Doc(numbered=True)
    rng = rng_for(ev(slug, "06-产业链资源协同协作", "02-天然气石英砂集中采购框架合同.pdf"))
    doc.title("祁县玻璃器皿企业天然气集中采购框架合同", size=20)
    doc.line("合同编号：QXRQ-JC-2025-006", 12, "song", "right", gap=50)
    doc.paras([
        "采购方：祁县玻璃器皿行业协会（代表附件所列23家会员企业）",
        "供应方：祁县华通燃气有限公司",
        "为降低集群企业用能成本，经双方协商，由采购方组织会员企业对窑炉用天然气实行集中采购，供应方按照本合同约定的价格和条件稳定供气。",
        "第一条　采购数量：2025年度预计采购天然气4800万立方米，按月编制用气计划，实际用量以计量表读数为准。",
        "第二条　价格：执行门站价格基础上的集中采购优惠，非采暖季每立方米下浮0.12元，采暖季每立方米下浮0.08元，价格随上游门站价格联动调整。",
        "第三条　供气保障：供应方保证采暖季对附件所列企业窑炉用气不限供、不停供，确需检修的应提前72小时通知。",
        "第四条　结算：各企业按月与供应方独立结算，采购方负责组织协调，不承担付款责任。",
        "第五条　本合同有效期自2025年1月1日至2025年12月31日。",
    ], size=14, lead=1.75)
    doc.new_page()
    doc.line("附件：参加集中采购的企业名单", 14, "hei", gap=56)
    firms = [e["name"] for e in c["lists"]["little_giants"] + c["lists"]["specialized"]] + ["祁县晶润玻璃制品有限公司", "祁县福瑞玻璃器皿厂", "祁县恒通玻璃有限公司", "祁县贾令玻璃制品有限公司"]
    doc.table([0.8, 4.5, 2.4], ["序号", "企业名称", "2025年计划用气量（万立方米）"], [[i, f, q] for i, (f, q) in enumerate(zip(firms[:23], [620, 540, 480, 430, 360, 310, 280, 240, 220, 200, 180, 160, 150, 140, 120, 110, 100, 90, 80, 70, 60, 50, 40]), 1)], size=11)
    doc.space(20)
    y0 = doc.y
    for k, (role, org, person) in enumerate([("采购方", "祁县玻璃器皿行业协会", "周永明"), ("供应方", "祁县华通燃气有限公司", "韩志勇")]):
        x = doc.left + k * doc.width / 2
        draw_text(doc.d, (x, y0), f"{role}（盖章）：{org}", "song", px(12))
        draw_text(doc.d, (x, y0 + 80), "代表人（签字）：", "song", px(12))
        sign(doc, person, x + 200, y0 + 95, rng)
        draw_text(doc.d, (x, y0 + 150), "2024年12月26日", "song", px(12))
        stamp(doc, org, x + 220, y0 + 60, rng, diameter=220)
    doc.page_numbers()
    write_pages(ev(slug, "06-产业链资源协同协作", "02-天然气石英砂集中采购框架合同.pdf"), doc.pages, rng)

    # 07 质量品牌
    certificate(
        ev(slug, "07-质量品牌建设", "01-“祁县玻璃器皿”集体商标注册证.jpg"),
        title="商标注册证",
        title_colour=(30, 30, 30),
        number="第 58236417 号",
        subtitle="（集体商标）",
        lines=["^祁县玻璃器皿", "核定使用商品（第21类）：玻璃器皿；玻璃杯；玻璃碗；玻璃瓶；玻璃茶具；耐热玻璃餐具；玻璃花瓶；玻璃工艺品（截止）", "注册人：祁县玻璃器皿行业协会", "注册地址：山西省晋中市祁县经济开发区昌源路18号", "注册有效期限：自2022年3月7日至2032年3月6日止"],
        org_lines=["国家知识产权局"],
        date="2022-03-07",
        seals=["国家知识产权局商标局"],
        border=(120, 120, 130),
        bg=(247, 247, 242),
        body_size=15,
    )
    report(
        ev(slug, "07-质量品牌建设", "02-集群企业质量诊断服务报告.pdf"),
        cover_title="祁县玻璃器皿产业集群企业质量诊断服务报告",
        cover_lines=[("委托单位", "祁县工业和信息化局"), ("诊断对象", "集群内中小企业42家"), ("服务期间", "2024年4月—2024年11月")],
        org="山西省产品质量监督检验研究院",
        date="2024-12-10",
        sections=[
            ("一、诊断工作概况", ["受祁县工业和信息化局委托，我院组织日用玻璃、质量管理、计量检测等领域专家18人，采用“现场诊断+抽样检测+问卷评估”方式，对集群内42家中小企业开展质量诊断服务，覆盖原料控制、熔制成型、冷加工、彩印深加工和出厂检验等关键环节。"]),
            ("二、主要问题", ["一是部分企业彩烤工序铅镉溶出量控制不稳定，抽检样品中有4批次接近限量值；二是耐热玻璃产品热稳定性检验方法不统一，出厂检验记录不完整；三是小微企业计量器具检定不及时，质量管理体系运行流于形式。"]),
            ("三、诊断建议及整改情况", ["针对诊断发现的126项问题，专家组逐企出具诊断建议书，指导企业推行低温无铅彩釉、统一热冲击试验方法、完善出厂检验规程。截至2024年11月底，已完成整改113项，整改完成率89.7%，相关企业产品抽检合格率由96.2%提高到99.1%。"]),
            ("四、诊断企业名单（节选）", ("table", [0.7, 4.6, 2.2], ["序号", "企业名称", "诊断问题数"], [[i, e["name"], n] for i, (e, n) in enumerate(zip(c["lists"]["specialized"][:10], [4, 3, 5, 2, 3, 4, 2, 3, 3, 2]), 1)])),
        ],
    )

    # 08 standards
    standards_list(slug, c, office, date)

    # 09 platforms
    platforms_list(slug, c, office, date)
    notice(
        ev(slug, "09-创新平台", "02-国家级工业设计中心认定文件（节选）.jpg"),
        org="中华人民共和国工业和信息化部办公厅",
        kind="",
        number="工信厅政法函〔2024〕412号",
        title="工业和信息化部办公厅关于公布第七批国家级工业设计中心名单的通知",
        recipient="各省、自治区、直辖市及计划单列市、新疆生产建设兵团工业和信息化主管部门",
        body=["根据《国家级工业设计中心认定管理办法》，经地方推荐、专家评审和网上公示，认定某某等单位的工业设计中心为第七批国家级工业设计中心。现将名单予以公布。", "（以下为名单节选）"],
        date="2024-12-05",
        tables=[("", [0.8, 5.5, 1.6], ["序号", "企业工业设计中心", "所在地区"], [[117, "山西晶鼎玻璃器皿股份有限公司工业设计中心", "山西"], [118, "（以下略）", ""]])],
        seal_org="中华人民共和国工业和信息化部办公厅",
    )

    # 10 patents
    patents_list(slug, c, office, date)
    p = c["lists"]["patents"][-1]
    certificate(
        ev(slug, "10-有效发明专利", "02-发明专利证书（样本）.jpg"),
        title="发明专利证书",
        title_colour=(30, 30, 30),
        number="证书号第7408137号",
        lines=[f"发明名称：{p['title']}", "发　明　人：杨振华；王丽；李志强", f"专　利　号：{p['number']}", "专利申请日：2023年08月21日", f"专　利　权　人：{p['owner']}", "地址：山西省晋中市祁县经济开发区", f"授权公告日：{chinese_date(p['granted'])}", "本发明经过本局依照中华人民共和国专利法进行审查，决定授予专利权，颁发发明专利证书并在专利登记簿上予以登记。专利权自授权公告之日起生效。专利权期限为二十年，自申请日起算。"],
        org_lines=["国家知识产权局局长"],
        date=p["granted"],
        seals=["中华人民共和国国家知识产权局"],
        border=(130, 150, 170),
        bg=(244, 247, 248),
        body_size=13,
    )

    # 11 digital services: the maturity report as a multi-page TIFF
    agreement(
        ev(slug, "11-数字化服务", "01-数字化转型服务商合作协议.jpg"),
        title="祁县玻璃器皿产业集群数字化转型服务合作协议",
        number="QXSZ-2024-002",
        parties=[("甲方", "祁县工业和信息化局"), ("乙方", "山西云时代技术有限公司")],
        clauses=[
            "一、乙方作为集群数字化系统解决方案服务商，为集群中小企业提供数字化转型诊断、工业互联网平台接入、窑炉能耗监测和订单排产等云化应用服务。",
            "二、乙方2024年至2025年为集群企业开展免费数字化诊断不少于60家次，编制玻璃器皿行业数字化共性解决方案不少于3套，组织两化融合管理体系贯标培训不少于4期。",
            "三、甲方负责组织企业参与，协调落实中小企业数字化转型专项资金，对接入平台的企业给予一次性补助。",
            "四、本协议有效期两年，自签订之日起生效。",
        ],
        signers=[("甲方", "祁县工业和信息化局", "郝志刚"), ("乙方", "山西云时代技术有限公司", "梁晓东")],
        date="2024-03-15",
    )
    rng = rng_for(ev(slug, "11-数字化服务", "02-智能制造能力成熟度评估报告.tif"))
    doc = Doc(numbered=True)
    doc.space(200)
    doc.title("智能制造能力成熟度评估报告", size=26)
    doc.space(160)
    for label, value in [("受评单位", "山西晶鼎玻璃器皿股份有限公司"), ("评估依据", "GB/T 39116-2020、GB/T 39117-2020"), ("评估等级", "二级（规范级）"), ("评估机构", "山西省智能制造评估诊断服务中心"), ("报告编号", "SXZN-CMMM-2024-0216")]:
        doc.line(f"{label}：{value}", 16, x=doc.left + 80, gap=72)
    doc.space(100)
    doc.line("2024年10月", 16, "song", "center")
    stamp(doc, "山西省智能制造评估诊断服务中心", doc.size[0] / 2, doc.y - 60, rng)
    doc.new_page()
    doc.line("一、评估概况", 16, "hei", gap=62)
    doc.paras(["受山西晶鼎玻璃器皿股份有限公司委托，评估组于2024年9月23日至25日对该公司开展智能制造能力成熟度现场评估，评估范围覆盖设计、生产、物流、销售、服务五个能力要素及人员、技术、资源、制造四个方面。", "评估组通过资料审查、现场观察、人员访谈和系统演示，对照GB/T 39116—2020《智能制造能力成熟度模型》二级要求，逐条核查了20个能力子域的符合情况。"], size=14)
    doc.line("二、评估结果", 16, "hei", gap=62)
    doc.table([3, 1.4, 1.4, 2.4], ["能力子域", "得分", "满分", "结论"], [
        ["组织战略", "0.92", "1.00", "满足"], ["人员技能", "0.85", "1.00", "满足"], ["数据", "0.81", "1.00", "满足"], ["集成", "0.78", "1.00", "满足"],
        ["信息安全", "0.83", "1.00", "满足"], ["装备", "0.86", "1.00", "满足"], ["网络", "0.88", "1.00", "满足"], ["产品设计", "0.80", "1.00", "满足"],
        ["生产作业", "0.84", "1.00", "满足"], ["设备管理", "0.82", "1.00", "满足"], ["能源管理", "0.90", "1.00", "满足"], ["采购", "0.79", "1.00", "满足"],
        ["仓储配送", "0.77", "1.00", "基本满足"], ["销售", "0.83", "1.00", "满足"], ["客户服务", "0.80", "1.00", "满足"]], size=12)
    doc.new_page()
    doc.line("三、评估结论", 16, "hei", gap=62)
    doc.paras(["经评估，山西晶鼎玻璃器皿股份有限公司智能制造能力成熟度综合得分2.74分，达到智能制造能力成熟度二级（规范级）要求。企业已建成覆盖熔制、成型、退火、检验、包装全流程的生产执行系统，窑炉能源管理和在线视觉检测应用成效明显。", "建议企业进一步打通设计与生产数据，推进仓储配送环节自动化，向三级（集成级）迈进。"], size=14)
    doc.space(60)
    doc.line("评估组组长（签字）：", 14, x=doc.left + 360, gap=80)
    sign(doc, "韩立新", doc.left + 640, doc.y - 70, rng)
    doc.signoff("山西省智能制造评估诊断服务中心", "2024-10-12", rng=rng)
    doc.page_numbers()
    write_pages(ev(slug, "11-数字化服务", "02-智能制造能力成熟度评估报告.tif"), doc.pages, rng, gray=True)

    # 12 new models: a provincial recognition and the wide project list scanned landscape
    notice(
        ev(slug, "12-数字化新模式新业态", "01-省级智能制造试点示范认定文件（节选）.jpg"),
        org="山西省工业和信息化厅",
        number="晋工信智造字〔2024〕96号",
        title="山西省工业和信息化厅关于公布2024年山西省智能制造试点示范名单的通知",
        recipient="各市工业和信息化局",
        body=["根据《山西省智能制造试点示范行动实施方案》，经企业申报、各市推荐、专家评审和公示，确定2024年山西省智能制造试点示范工厂28个、优秀场景56个，现予公布（名单节选）。", "各市要加强对试点示范项目的跟踪服务，及时总结推广典型经验，带动更多中小企业开展智能化改造。"],
        date="2024-10-30",
        tables=[("", [0.8, 3.8, 3.2, 1.2], ["序号", "企业名称", "项目名称", "所在市"], [[19, "山西晶鼎玻璃器皿股份有限公司", "高硼硅玻璃器皿智能工厂", "晋中市"], [20, "（以下略）", "", ""]])],
    )
    list_doc(
        ev(slug, "12-数字化新模式新业态", "02-新模式新业态项目清单（横版）.jpg"),
        title=f"{c['name']}承担数字化新模式新业态项目清单",
        subtitle=f"填报单位：{office}（盖章）",
        widths=[0.5, 5.0, 0.8, 3.0, 0.8, 3.6],
        header=["序号", "项目名称", "级别", "承担单位", "年度", "建设内容及成效"],
        rows=[r + [e] for r, e in zip(project_rows(c), [
            "建成熔制、成型、退火、检验全流程数字化管控，生产效率提升28%，不良率下降3.2个百分点",
            "窑温、料道温度实时监测与燃烧优化，吨玻璃液天然气单耗下降6.5%",
            "冷加工刻花、磨边工序设备联网，订单交付周期缩短20%",
            "“工厂+直播+跨境”模式，带动60余家中小企业开展线上销售",
            "5G专网+机器视觉在线检测，检测效率提升3倍"])],
        org=office,
        date=date,
        size=A4_LANDSCAPE,
        font_size=11,
        numbered=False,
    )

    # 13 carbon monitoring mechanism (PDF) and the clerk's calculation table (PNG)
    rng = rng_for(ev(slug, "13-碳排放监测机制", "01-祁县玻璃器皿产业集群碳排放监测工作机制.pdf"))
    doc = Doc(numbered=True)
    doc.redhead("祁县经济开发区管理委员会", "祁经开发〔2023〕21号")
    doc.title("关于印发《祁县玻璃器皿产业集群碳排放监测工作机制》的通知", size=20)
    doc.para("开发区各部门，各玻璃器皿企业：", indent=0)
    doc.para("现将《祁县玻璃器皿产业集群碳排放监测工作机制》印发给你们，请认真贯彻执行。")
    doc.space(20)
    doc.title("祁县玻璃器皿产业集群碳排放监测工作机制", size=18)
    doc.paras([
        "第一条　为摸清集群碳排放底数，推动集群绿色低碳转型，根据《山西省碳达峰实施方案》和工业领域碳达峰有关要求，制定本机制。",
        "第二条　监测范围为集群内年综合能耗1000吨标准煤以上的玻璃器皿生产企业及窑炉、烤花窑等重点用能设备，2023年首批纳入监测企业28家。",
        "第三条　开发区管委会依托集群碳排放监测平台，对纳入监测企业的天然气、电力消费量实施在线采集，按月核算企业和集群二氧化碳排放量、单位产值二氧化碳排放量和单位产值能耗。",
        "第四条　碳排放核算采用排放因子法：二氧化碳排放总量＝Σ（化石能源消费量×排放因子）＋净购入电力×区域电网平均排放因子＋碳酸盐原料分解排放量；单位产值二氧化碳排放量＝二氧化碳排放总量÷集群工业总产值。",
        "第五条　纳入监测企业应明确能源管理负责人，确保计量器具配备率和在线数据上传率达到100%，每季度报送能源消费和产品产量数据。",
        "第六条　开发区管委会每年发布集群碳排放监测报告，对单位产值排放下降明显的企业在绿色工厂申报、节能改造资金安排中优先支持。",
        "第七条　本机制自印发之日起施行。",
    ], size=15)
    doc.signoff("祁县经济开发区管理委员会", "2023-06-20", rng=rng)
    doc.page_numbers()
    write_pages(ev(slug, "13-碳排放监测机制", "01-祁县玻璃器皿产业集群碳排放监测工作机制.pdf"), doc.pages, rng)
    ind, grn = c["industry"], c["green"]
    rows = []
    for y in (2023, 2024, 2025):
        out_wan = float(ind["output"][y]) * 10000
        e = float(grn["energy_intensity"][y]) * out_wan
        co2 = float(grn["co2_intensity"][y]) * out_wan
        rows.append([f"{y}年", f"{out_wan:,.0f}", f"{e:,.0f}", f"{co2:,.0f}", f"{float(grn['energy_intensity'][y]):.2f}", f"{float(grn['co2_intensity'][y]):.2f}"])
    spreadsheet(
        ev(slug, "13-碳排放监测机制", "02-单位产值能耗及二氧化碳排放计算表.png"),
        title="祁县玻璃器皿产业集群单位产值能耗及二氧化碳排放量计算表（2023—2025年）",
        header=["年度", "集群工业总产值（万元）", "综合能源消费量（吨标准煤）", "二氧化碳排放量（吨）", "单位产值能耗（吨标准煤/万元）", "单位产值二氧化碳排放量（吨/万元）"],
        rows=rows,
        widths=[1, 2, 2.2, 2, 2.2, 2.4],
        notes=[
            "计算公式：单位产值能耗＝综合能源消费量÷工业总产值；单位产值二氧化碳排放量＝二氧化碳排放量÷工业总产值。",
            "数据来源：集群碳排放监测平台、企业能源统计报表（205表）、县统计局工业总产值快报；电网排放因子取0.5366吨二氧化碳/兆瓦时。",
            f"2023—2025年单位产值能耗降低率＝（0.47－0.41）÷0.47×100%＝12.77%。",
            "制表：祁县经济开发区管委会经济发展部　　审核：范丽娟　　2026年3月",
        ],
    )

    # 14 green work
    report(
        ev(slug, "14-绿色低碳工作", "01-集群重点用能企业节能诊断报告（摘要）.pdf"),
        cover_title="祁县玻璃器皿产业集群重点用能企业节能诊断报告（摘要）",
        cover_lines=[("委托单位", "祁县工业和信息化局"), ("诊断企业", "31家"), ("诊断时间", "2023年5月—2023年9月")],
        org="山西省节能监测中心",
        date="2023-10-16",
        sections=[
            ("一、诊断概况", ["按照工业和信息化部工业节能诊断服务行动要求，我中心对集群内31家重点用能企业的窑炉、烤花窑、空压机、退火窑等主要用能设备开展了节能诊断，共发现节能潜力点146个，测算节能潜力1.36万吨标准煤/年。"]),
            ("二、主要节能措施建议", ["（一）推广全电熔、全氧燃烧窑炉改造，淘汰落后蓄热式小窑炉；（二）建设窑炉烟气余热回收系统，用于退火窑和厂区供暖；（三）空压机系统实施变频和集中供气改造；（四）建立企业能源管控中心，接入集群碳排放监测平台。"]),
            ("三、实施情况", ["截至2025年底，诊断企业已实施节能改造项目52项，建成窑炉余热回收设施12套，年节约标准煤1.1万吨，集群单位产值能耗由2023年的0.47吨标准煤/万元下降到2025年的0.41吨标准煤/万元。"]),
        ],
    )
    notice(
        ev(slug, "14-绿色低碳工作", "02-清洁生产审核评估验收意见.jpg"),
        org="晋中市生态环境局祁县分局",
        kind="",
        number="祁环函〔2024〕38号",
        title="关于祁县昭馀玻璃制品有限公司等5家企业清洁生产审核评估验收意见的函",
        recipient="祁县经济开发区管理委员会",
        body=["根据《清洁生产审核办法》和《山西省清洁生产审核评估与验收实施细则》，我分局组织专家对祁县昭馀玻璃制品有限公司、祁县来远晶华玻璃有限公司、山西汇晶耐热玻璃有限公司、山西盛彩玻璃彩印有限公司、祁县东观华瑞玻璃有限公司5家企业的清洁生产审核开展了评估验收。", "经验收，上述企业清洁生产审核程序规范，中高费方案均已实施，窑炉烟气颗粒物、氮氧化物排放浓度稳定达标，碎玻璃回收利用率达到95%以上，达到清洁生产二级水平，同意通过验收。"],
        date="2024-07-09",
    )

    # 15 green system
    notice(
        ev(slug, "15-绿色制造体系", "01-绿色制造名单（国家级绿色工厂）.jpg"),
        org="中华人民共和国工业和信息化部办公厅",
        kind="",
        number="工信厅节函〔2023〕308号",
        title="工业和信息化部办公厅关于公布2023年度绿色制造名单的通知",
        recipient="各省、自治区、直辖市及计划单列市、新疆生产建设兵团工业和信息化主管部门",
        body=["按照《工业和信息化部办公厅关于开展2023年度绿色制造名单推荐工作的通知》要求，经地方推荐、专家论证、网上公示，确定了2023年度绿色工厂、绿色工业园区、绿色供应链管理企业名单，现予公布（山西省部分节选）。"],
        date="2023-12-18",
        tables=[("附件1　2023年度绿色工厂名单（节选）", [0.8, 5, 1.5], ["序号", "企业名称", "地区"], [[1203, "山西晶鼎玻璃器皿股份有限公司", "山西"], [1204, "（以下略）", ""]])],
    )

    # 16 international: the booth photo stored sideways with EXIF orientation 6
    expo_photo(
        ev(slug, "16-国际合作交流", "01-中博会祁县玻璃器皿展位照片.jpg"),
        banner="祁县玻璃器皿产业集群",
        sub="第二十届中国国际中小企业博览会 · 山西馆",
        kind="glass",
        when="2025:06:27 10:42:18",
        orientation=6,
    )
    agreement(
        ev(slug, "16-国际合作交流", "02-与德国萨克森州玻璃工艺协会技术合作协议.jpg"),
        title="玻璃器皿设计与工艺技术合作协议（中文译本）",
        parties=[("甲方", "祁县玻璃器皿行业协会"), ("乙方", "德国萨克森州玻璃工艺协会（Glashandwerk Sachsen e.V.）")],
        clauses=[
            "一、双方建立长期技术合作机制，每年互派设计师和技师交流不少于两次，共同举办玻璃器皿设计工作坊。",
            "二、乙方为甲方会员企业提供手工吹制、雕刻和彩绘工艺培训，推荐欧洲设计师为集群企业开展产品设计合作。",
            "三、甲方协助乙方会员企业在中国开展玻璃原料和半成品采购，为双方企业对接贸易合作提供便利。",
            "四、本协议以中文、德文两种文本签署，两种文本具有同等效力，有效期五年。",
        ],
        signers=[("甲方", "祁县玻璃器皿行业协会", "周永明"), ("乙方", "Glashandwerk Sachsen", "Weber")],
        date="2023-09-14",
    )
    notice(
        ev(slug, "16-国际合作交流", "03-中国（祁县）国际玻璃器皿产业发展论坛通知.jpg"),
        org="祁县人民政府办公室",
        kind="",
        number="祁政办函〔2024〕45号",
        title="关于举办2024中国（祁县）国际玻璃器皿产业发展论坛的通知",
        recipient="各有关单位、各玻璃器皿企业",
        body=["为推动玻璃器皿产业国际交流合作，经研究，定于2024年9月20日至21日在祁县举办2024中国（祁县）国际玻璃器皿产业发展论坛，由中国日用玻璃协会、祁县人民政府主办，祁县玻璃器皿行业协会承办。", "论坛主题为“设计引领　智造未来”，邀请德国、意大利、捷克、土耳其等国家玻璃行业协会、设计机构和采购商代表参会，设主旨演讲、设计对话、采购对接三个环节。请各企业积极组织人员参加，并于9月10日前报送参会回执。"],
        date="2024-08-22",
        seal_org="祁县人民政府办公室",
    )

    # 17 overseas branches: the list, the outbound investment certificate, a US filing on Letter paper
    list_doc(
        ev(slug, "17-境外分支机构", "01-境外分支机构清单.jpg"),
        title=f"{c['name']}集群企业境外分支机构清单",
        subtitle=f"填报单位：{office}（盖章）",
        widths=[0.6, 3.6, 1.2, 3.2, 1.0],
        header=["序号", "境外分支机构名称", "所在国家（地区）", "设立企业", "设立年度"],
        rows=branch_rows(c),
        org=office,
        date=date,
        font_size=12,
        numbered=False,
    )
    certificate(
        ev(slug, "17-境外分支机构", "02-企业境外投资证书（华瑞迪拜）.jpg"),
        title="企业境外投资证书",
        title_colour=(150, 30, 40),
        number="境外投资证第N1400202400031号",
        lines=["境内投资主体：祁县东观华瑞玻璃有限公司", "境外企业名称：华瑞玻璃（迪拜）贸易有限责任公司", "投资总额：80万美元", "国家/地区：阿拉伯联合酋长国", "经营范围：玻璃器皿、日用玻璃制品批发、零售及仓储", "投资路径：直接投资", "核发日期：2024年4月2日"],
        org_lines=["山西省商务厅"],
        date="2024-04-02",
        seals=["山西省商务厅"],
        border=(150, 110, 60),
        body_size=15,
    )
    letter_page(
        ev(slug, "17-境外分支机构", "03-晶鼎（美国）公司注册证明.pdf"),
        heading=["State of California", "Secretary of State", "ARTICLES OF INCORPORATION"],
        lines=[
            "1. The name of this corporation is JINGDING GLASS (USA) TRADING INC.",
            "",
            "2. The purpose of the corporation is to engage in any lawful act or activity for which a corporation may be organized under the General Corporation Law of California other than the banking business, the trust company business or the practice of a profession permitted to be incorporated by the California Corporations Code.",
            "",
            "3. The corporation's initial street address is 17800 Castleton Street, Suite 566, City of Industry, CA 91748.",
            "",
            "4. The name and address in the State of California of the corporation's initial agent for service of process is: Wei Zhang, 17800 Castleton Street, Suite 566, City of Industry, CA 91748.",
            "",
            "5. This corporation is authorized to issue only one class of shares of stock; and the total number of shares which this corporation is authorized to issue is 1,000,000.",
            "",
            "6. Parent company: Shanxi Jingding Glassware Co., Ltd., Qi County, Jinzhong, Shanxi, China (100%).",
            "",
            "Dated: March 8, 2019",
            "",
            "",
            "",
            "Wei Zhang, Incorporator",
        ],
        signer="Wei Zhang",
        stamp_lines=["ENDORSED - FILED", "in the office of the Secretary", "of State of California", "MAR 12 2019"],
        seal_text="JINGDING GLASS USA TRADING INC",
    )

    # 18 environment
    notice(
        ev(slug, "18-发展环境治理", "01-关于成立祁县玻璃器皿产业集群发展促进中心的通知.jpg"),
        org="中共祁县县委机构编制委员会办公室",
        kind="",
        number="祁编办发〔2022〕29号",
        title="关于成立祁县玻璃器皿产业集群发展促进中心的通知",
        recipient="祁县经济开发区管理委员会，县工信局",
        body=["经研究，同意在祁县经济开发区管理委员会设立祁县玻璃器皿产业集群发展促进中心，为开发区管委会所属公益一类事业单位。", "主要职责：负责玻璃器皿产业集群发展规划的组织实施；组织集群企业、行业协会、高校院所开展共商共建共享活动；承担集群公共服务平台运营管理、政策宣贯和企业诉求协调等工作。", "核定事业编制8名，所需人员从开发区现有人员中调剂解决。"],
        date="2022-05-16",
    )
    notice(
        ev(slug, "18-发展环境治理", "02-祁县玻璃器皿企业安全生产隐患排查治理工作机制.jpg"),
        org="祁县应急管理局",
        kind="",
        number="祁应急发〔2023〕12号",
        title="关于建立玻璃器皿企业安全生产源头管控和隐患排查治理工作机制的通知",
        recipient="祁县经济开发区管理委员会，各玻璃器皿生产企业",
        body=["为压实企业安全生产主体责任，防范窑炉、天然气管道、高温熔融物等重大安全风险，决定在玻璃器皿企业中建立安全生产源头管控和隐患排查治理工作机制。", "一、企业每月开展一次全面隐患自查，重点检查窑炉冷却系统、燃气管道和调压设施、高温作业区防护措施，建立隐患台账，实行闭环整改。", "二、开发区管委会每季度组织专家开展一次集中排查，对重大隐患实行挂牌督办；县应急管理局依托“智慧经开”平台实时掌握企业隐患整改情况。", "三、对隐患排查治理成效明显的企业，在评先评优、项目支持中优先考虑。"],
        date="2023-03-02",
    )

    # 19 service platforms
    notice(
        ev(slug, "19-公共服务平台", "01-省级中小企业公共服务示范平台认定文件.jpg"),
        org="山西省工业和信息化厅",
        number="晋工信中小企字〔2023〕86号",
        title="山西省工业和信息化厅关于认定2023年度山西省中小企业公共服务示范平台的通知",
        recipient="各市工业和信息化局",
        body=["根据《山西省中小企业公共服务示范平台认定管理办法》，经各市推荐、专家评审和公示，认定祁县玻璃器皿产业公共服务中心等32家平台为2023年度山西省中小企业公共服务示范平台，现予公布（名单节选）。", "示范平台要进一步完善服务功能，创新服务模式，为中小企业提供优质高效的公共服务。"],
        date="2023-07-25",
        tables=[("", [0.8, 3.8, 3.2, 1.2], ["序号", "平台名称", "运营单位", "所在市"], [[14, "祁县玻璃器皿产业公共服务中心", "祁县玻璃器皿行业协会", "晋中市"], [15, "（以下略）", "", ""]])],
    )

    # 20 public services: the list and a training contract
    list_doc(
        ev(slug, "20-公共服务清单合同", "01-集群中小企业公共服务清单.jpg"),
        title=f"{c['name']}集群已提供的中小企业公共服务清单（2025年度）",
        subtitle=f"填报单位：{operator}（盖章）",
        widths=[0.6, 1.4, 4.2, 2.4, 1.2],
        header=["序号", "服务类别", "服务内容", "服务机构", "服务企业（家次）"],
        rows=[
            [1, "信息服务", "惠企政策汇编、产业运行监测和国际市场信息月报", "集群发展促进中心", 420],
            [2, "创新支持", "工业设计、检验检测、专利导航和“揭榜挂帅”对接", "祁县玻璃器皿产业研究院", 186],
            [3, "人员培训", "吹制工、窑炉工技能培训，跨境电商运营培训", "祁县玻璃器皿产业公共服务中心", 630],
            [4, "市场营销", "组织参加广交会、中博会，跨境电商直播基地孵化", "祁县玻璃器皿行业协会", 215],
            [5, "投融资服务", "“政银企”对接会、知识产权质押融资、专精特新贷", "集群发展促进中心", 138],
            [6, "管理咨询", "质量诊断、节能诊断、数字化转型诊断", "山西省产品质量监督检验研究院等", 211],
        ],
        org=operator,
        date="2026-01-15",
        font_size=12,
        numbered=False,
    )
    agreement(
        ev(slug, "20-公共服务清单合同", "02-玻璃工艺技能培训服务合同.pdf"),
        title="2025年度祁县玻璃器皿产业技能人才培训服务合同",
        number="QXPX-2025-004",
        parties=[("甲方", "祁县经济开发区管理委员会"), ("乙方", "晋中职业技术学院")],
        clauses=[
            "一、乙方为集群企业开展玻璃吹制工、窑炉操作工、玻璃冷加工工和跨境电商运营技能培训，全年培训不少于600人次，其中取得职业技能等级证书不少于200人。",
            "二、培训采用“理论教学+企业实训”方式，实训在集群龙头企业和共享车间进行，培训内容和课时由双方共同确定。",
            "三、培训费用由甲方统筹职业技能提升行动专项资金支付，合同金额38.60万元，按培训人数和考核结果分两期结算。",
            "四、本合同自签订之日起生效，至2025年12月31日止。",
        ],
        signers=[("甲方", "祁县经济开发区管理委员会", "范丽娟"), ("乙方", "晋中职业技术学院", "王建中")],
        date="2025-02-20",
    )


# ---------------------------------------------------------------------------------------------
# 平遥县牛肉食品产业 (pingyao-beef): provincial application. No carbon monitoring mechanism
# (碳排放监测机制：否), so folder 13 stays empty, as does 02 (the city's 附件8 is generated).


def beef():
    slug = "pingyao-beef"
    c = load(slug)
    office = "平遥县工业和信息化局"
    operator = "平遥县牛肉产业发展服务中心"
    date = "2026-04-29"

    city_recognition(slug, "jpg")

    key_enterprises(slug, c, office, date)
    certificate(
        ev(slug, "04-重点企业名单", "02-专精特新小巨人企业证书（古陶）.jpg"),
        size=A4_LANDSCAPE,
        title="专精特新“小巨人”企业",
        lines=["^山西古陶牛肉食品股份有限公司", "经审核，贵单位被认定为国家级专精特新“小巨人”企业。", "有效期：2023年7月至2026年7月"],
        org_lines=["中华人民共和国工业和信息化部"],
        date="2023-07-28",
        seals=["中华人民共和国工业和信息化部"],
        border=(170, 40, 40),
        bg=(253, 248, 238),
        body_size=17,
    )

    chain_map(
        ev(slug, "05-产业链强链补链", "01-平遥牛肉产业链图谱.png"),
        title="平遥牛肉产业链图谱",
        columns=[
            ("上游 · 养殖与屠宰", (120, 70, 40), [
                ("肉牛良种繁育与养殖", ["宁固、洪善肉牛养殖基地", "合作社38个、养殖户1200余户"]),
                ("屠宰 · 排酸 · 分割", ["平遥县洪善肉类加工有限公司"]),
                ("香辛料 · 包装材料", ["集中采购（行业协会组织）"]),
                ("食品机械", ["平遥县古城食品机械有限公司"]),
            ]),
            ("中游 · 加工", (190, 50, 40), [
                ("传统酱卤牛肉", ["山西古陶牛肉食品股份有限公司", "山西平遥晋香牛肉有限公司", "平遥县南政清真食品有限公司"]),
                ("低温即食 · 休闲食品", ["平遥县晋味源牛肉制品有限公司", "平遥县宝聚源食品有限公司"]),
                ("罐头 · 酱料 · 馅料", ["山西中都食品有限公司", "平遥县香乐牛肉食品有限公司"]),
                ("副产物综合利用", ["山西平遥益民生物科技有限公司"]),
            ]),
            ("下游 · 流通与消费", (40, 110, 150), [
                ("冷链物流", ["山西平遥岳壁冷链物流有限公司"]),
                ("商超 · 连锁餐饮", ["省内外连锁商超", "中央厨房配套"]),
                ("电商直播", ["平遥牛肉文旅电商直播基地"]),
                ("古城文旅伴手礼", ["山西晋商老号食品有限公司"]),
            ]),
        ],
        note="补链重点：肉牛规模养殖、屠宰排酸产能、低温杀菌装备、冷链配送网络。",
        footer="平遥县工业和信息化局　2024年5月",
    )
    agreement(
        ev(slug, "05-产业链强链补链", "02-平遥牛肉产业研究院共建协议.jpg"),
        title="平遥牛肉产业研究院共建协议（摘要）",
        parties=[("甲方", "平遥县人民政府"), ("乙方", "山西农业大学食品科学与工程学院")],
        clauses=[
            "一、双方共建平遥牛肉产业研究院，围绕酱卤风味物质解析、低温卤制、天然保鲜、低钠减盐和副产物高值化利用等关键环节开展产学研协同创新。",
            "二、甲方提供研究院办公和中试场地，三年内安排研发经费600万元；乙方组建不少于10人的专家团队，每年为集群企业开展技术服务不少于30项。",
            "三、研究成果优先在平遥牛肉集群企业转化，集群中小企业使用成果享受优惠许可条件。",
            "四、本协议有效期五年，自2024年3月1日起生效。",
        ],
        signers=[("甲方", "平遥县人民政府", "段永强"), ("乙方", "山西农业大学食品科学与工程学院", "郭红霞")],
        date="2024-02-28",
    )
    report(
        ev(slug, "05-产业链强链补链", "03-平遥牛肉产业链供应链风险评估报告.pdf"),
        cover_title="平遥牛肉产业链供应链风险评估报告",
        cover_lines=[("编制单位", "平遥县牛肉产业发展服务中心"), ("评估期间", "2024年1月—2024年12月")],
        org=operator,
        date="2025-01-20",
        sections=[
            ("一、主要风险识别", ["（一）原料供给风险：集群年需原料牛肉约2.6万吨，本地供给率不足三成，主要依赖内蒙古、河北调入，受肉牛存栏周期和进口牛肉价格影响大。（二）价格波动风险：2024年原料牛肉价格波动幅度超过15%，中小企业成本压力明显。（三）食品安全风险：冷链断链、交叉污染可能导致产品质量问题。"]),
            ("二、风险等级评价", ("table", [2.5, 1.2, 1.2, 1.4], ["风险事项", "可能性", "影响程度", "风险等级"], [["原料供给中断", "中", "高", "较高"], ["原料价格大幅波动", "高", "中", "较高"], ["冷链配送中断", "低", "高", "中"], ["关键设备停机", "中", "中", "中"]])),
            ("三、防范措施", ["建立原料牛肉储备和价格监测预警机制，行业协会组织企业与主产区签订长期供货协议；推动本地肉牛规模养殖；完善冷链配送应急预案；建立关键设备备品备件共享库。"]),
        ],
    )

    agreement(
        ev(slug, "06-产业链资源协同协作", "01-共享卤制车间代加工服务协议.jpg"),
        title="平遥牛肉共享卤制车间代加工服务协议",
        number="PYGX-2025-012",
        parties=[("服务方", "平遥县牛肉行业协会（共享卤制车间）"), ("委托方", "平遥县香乐牛肉食品有限公司")],
        clauses=[
            "一、服务方利用共享卤制车间的滚揉、卤制、冷却和真空包装设备，为委托方代加工酱卤牛肉产品，执行委托方的配方和工艺标准。",
            "二、代加工费按每吨成品2800元结算，集群内小微企业享受九折优惠；产品检验由共享检测中心负责，检验合格后方可出库。",
            "三、服务方应严格执行食品生产许可和HACCP体系要求，确保生产过程可追溯。",
            "四、本协议有效期一年，自2025年3月1日起。",
        ],
        signers=[("服务方", "平遥县牛肉行业协会", "雷志刚"), ("委托方", "平遥县香乐牛肉食品有限公司", "武香乐")],
        date="2025-02-25",
    )
    notice(
        ev(slug, "06-产业链资源协同协作", "02-原料牛肉及香辛料集中采购工作方案.jpg"),
        org="平遥县牛肉行业协会",
        kind="",
        number="平牛协发〔2024〕5号",
        title="关于开展2024年度原料牛肉及香辛料集中采购的通知",
        recipient="各会员企业",
        body=["为降低会员企业采购成本，保障原料质量，协会决定2024年继续组织原料牛肉、香辛料和包装材料集中采购。", "一、集中采购品种：分割牛肉（牛腱、牛腩等）、花椒、八角、桂皮等香辛料，真空包装袋和礼盒。二、采购方式：协会统一组织询价招标，确定供应商后由企业分别签订合同、自行结算。三、请有意向的会员企业于3月20日前报送年度采购计划。", "2023年集中采购平均降低采购成本5.3%，参加企业29家。"],
        date="2024-03-06",
        seal_org="平遥县牛肉行业协会",
    )

    certificate(
        ev(slug, "07-质量品牌建设", "01-“平遥牛肉”地理标志证明商标注册证.jpg"),
        title="商标注册证",
        title_colour=(30, 30, 30),
        number="第 4783526 号",
        subtitle="（地理标志证明商标）",
        lines=["^平遥牛肉", "核定使用商品（第29类）：牛肉；牛肉制品；酱牛肉；腌制牛肉；牛肉罐头；熟牛肉（截止）", "注册人：平遥县牛肉行业协会", "注册地址：山西省晋中市平遥县中都路62号", "注册有效期限：自2018年6月14日至2028年6月13日止"],
        org_lines=["国家知识产权局"],
        date="2018-06-14",
        seals=["国家知识产权局商标局"],
        border=(120, 120, 130),
        bg=(247, 247, 242),
        body_size=15,
    )
    list_doc(
        ev(slug, "07-质量品牌建设", "02-质量诊断服务记录汇总表.jpg"),
        title="平遥牛肉集群企业质量诊断服务记录汇总表（2024—2025年）",
        subtitle="服务机构：晋中市检验检测中心　　组织单位：平遥县市场监督管理局",
        widths=[0.6, 3.2, 1.4, 3.4, 1.0],
        header=["序号", "企业名称", "诊断日期", "主要问题及建议", "整改情况"],
        rows=[
            [1, "山西古陶牛肉食品股份有限公司", "2024-04-16", "卤汤复用次数与品质关系缺少验证，建议建立卤汤理化指标控制", "已整改"],
            [2, "平遥县晋味源牛肉制品有限公司", "2024-05-09", "二次杀菌温度记录不连续，建议加装自动记录仪", "已整改"],
            [3, "平遥县宝聚源食品有限公司", "2024-06-12", "牛肉干水分活度控制不稳定", "已整改"],
            [4, "山西平遥晋香牛肉有限公司", "2024-07-03", "原料验收记录不完整，建议实施供应商分级管理", "已整改"],
            [5, "山西中都食品有限公司", "2024-09-18", "罐头杀菌F值验证不充分", "已整改"],
            [6, "平遥县南政清真食品有限公司", "2025-03-20", "车间温湿度监控点位不足", "已整改"],
            [7, "平遥县香乐牛肉食品有限公司", "2025-04-22", "包装封口检漏抽检频次偏低", "整改中"],
            [8, "山西晋商老号食品有限公司", "2025-05-15", "标签标识不规范，地理标志专用标志使用不统一", "已整改"],
        ],
        org="平遥县市场监督管理局",
        date="2025-06-30",
        font_size=11,
        numbered=False,
    )

    standards_list(slug, c, office, date)
    platforms_list(slug, c, office, date, name="01-创新平台清单及认定文件.pdf")
    patents_list(slug, c, office, date)

    report(
        ev(slug, "11-数字化服务", "01-集群中小企业数字化转型诊断服务报告（摘要）.pdf"),
        cover_title="平遥牛肉集群中小企业数字化转型诊断服务报告（摘要）",
        cover_lines=[("委托单位", "平遥县工业和信息化局"), ("服务机构", "用友网络科技股份有限公司山西分公司"), ("诊断企业", "46家次")],
        org="用友网络科技股份有限公司山西分公司",
        date="2025-08-26",
        sections=[
            ("一、诊断情况", ["按照山西省中小企业数字化转型城市试点工作要求，服务机构对集群内46家中小企业开展了数字化转型诊断，对照《中小企业数字化水平评测指标（2024年版）》进行自测评估，其中无等级30家、一级52家、二级40家、三级12家、四级1家（含历年评测）。"]),
            ("二、共性问题", ["一是生产环节以人工记录为主，滚揉、卤制、杀菌工艺参数未实现在线采集；二是进销存与财务数据分散，难以支撑精细化管理；三是食品安全追溯信息不完整。"]),
            ("三、共性解决方案", ["编制《酱卤肉制品企业数字化改造共性方案》等3套方案：卤制杀菌工艺参数在线监控方案、ERP+追溯一体化轻量应用方案、冷链温度全程监测方案，已在19家企业推广应用。"]),
        ],
    )
    certificate(
        ev(slug, "11-数字化服务", "02-两化融合管理体系评定证书（晋味源）.jpg"),
        title="两化融合管理体系评定证书",
        title_colour=(20, 70, 130),
        number="证书编号：AIITRE-2024IIMS0871ROM",
        lines=["^平遥县晋味源牛肉制品有限公司", "评定范围：酱卤牛肉及即食牛肉制品的研发、生产、销售和服务过程中的两化融合管理活动", "新型能力：基于数据驱动的柔性定制生产能力", "评定依据：GB/T 23001-2017《信息化和工业化融合管理体系　要求》", "有效期：2024年6月18日至2027年6月17日"],
        org_lines=["北京国信卓越认证有限公司"],
        date="2024-06-18",
        seals=["北京国信卓越认证有限公司"],
        border=(60, 110, 160),
        bg=(245, 248, 251),
        body_size=14,
    )

    notice(
        ev(slug, "12-数字化新模式新业态", "01-省级数字化车间认定文件（节选）.jpg"),
        org="山西省工业和信息化厅",
        number="晋工信智造字〔2024〕118号",
        title="山西省工业和信息化厅关于公布2024年度山西省数字化车间名单的通知",
        recipient="各市工业和信息化局",
        body=["根据《山西省智能工厂和数字化车间认定管理办法》，经企业申报、各市推荐、专家评审和公示，认定2024年度山西省数字化车间65个，现予公布（名单节选）。"],
        date="2024-12-12",
        tables=[("", [0.8, 3.6, 3.4, 1.2], ["序号", "企业名称", "车间名称", "所在市"], [[41, "山西古陶牛肉食品股份有限公司", "酱卤牛肉数字化车间", "晋中市"], [42, "（以下略）", "", ""]])],
    )
    list_doc(
        ev(slug, "12-数字化新模式新业态", "02-新模式新业态项目清单.png"),
        title=f"{c['name']}承担数字化新模式新业态项目清单",
        subtitle=f"填报单位：{office}（盖章）",
        widths=[0.5, 3.8, 0.8, 3.0, 0.8],
        header=["序号", "项目名称", "级别", "承担单位", "年度"],
        rows=project_rows(c),
        org=office,
        date=date,
        font_size=12,
        numbered=False,
        bilevel=True,
    )

    notice(
        ev(slug, "14-绿色低碳工作", "01-清洁生产审核评估验收意见.jpg"),
        org="晋中市生态环境局平遥分局",
        kind="",
        number="平环函〔2024〕51号",
        title="关于山西古陶牛肉食品股份有限公司等15家企业清洁生产审核评估验收意见的函",
        recipient="平遥县牛肉产业发展服务中心",
        body=["我分局组织专家对山西古陶牛肉食品股份有限公司等15家肉制品加工企业清洁生产审核开展了评估验收。经验收，企业实施了燃气锅炉低氮改造、蒸汽冷凝水回收、卤汤循环过滤复用和污水预处理等中高费方案，单位产品新鲜水耗平均下降18%，化学需氧量排放量下降22%，同意通过验收。"],
        date="2024-10-15",
    )
    rng = rng_for(ev(slug, "14-绿色低碳工作", "02-蒸汽冷凝水回收节能改造项目验收单.jpg"))
    doc = Doc(numbered=False)
    doc.title("节能技术改造项目竣工验收单", size=18)
    doc.table([2, 5], None, [
        ["项目名称", "蒸汽冷凝水回收及热泵烘干节能改造项目"],
        ["建设单位", "山西古陶牛肉食品股份有限公司"],
        ["建设内容", "建设闭式冷凝水回收系统2套，替换燃气烘干设备为空气源热泵烘房6间，配套能源计量在线监测"],
        ["总投资", "386.00万元"],
        ["节能效果", "经第三方检测，年节约标准煤826吨，减少二氧化碳排放约2150吨"],
        ["验收意见", "项目按批复内容建成，运行正常，节能效果达到预期，同意通过竣工验收。"],
    ], size=13, min_row=90)
    doc.space(40)
    doc.line("验收组组长（签字）：", 14, x=doc.left, gap=90)
    sign(doc, "田志远", doc.left + 290, doc.y - 80, rng)
    doc.signoff("平遥县工业和信息化局", "2025-05-20", rng=rng)
    write_pages(ev(slug, "14-绿色低碳工作", "02-蒸汽冷凝水回收节能改造项目验收单.jpg"), doc.pages, rng)

    notice(
        ev(slug, "15-绿色制造体系", "01-省级绿色工厂名单（节选）.jpg"),
        org="山西省工业和信息化厅",
        number="晋工信节能字〔2025〕77号",
        title="山西省工业和信息化厅关于公布2025年度山西省绿色制造名单的通知",
        recipient="各市工业和信息化局",
        body=["经企业自评价、第三方评价、各市推荐、专家评审和公示，确定2025年度山西省绿色工厂86家、绿色设计产品42个、绿色供应链管理企业12家，现予公布（名单节选）。"],
        date="2025-09-19",
        tables=[("", [0.8, 4.6, 1.6], ["序号", "企业名称", "所在市"], [[53, "平遥县晋味源牛肉制品有限公司", "晋中市"], [54, "（以下略）", ""]])],
    )

    expo_photo(
        ev(slug, "16-国际合作交流", "01-中国国际食品和饮料展览会展位照片.jpg"),
        banner="平遥牛肉 · 山西老字号",
        sub="2025中国国际食品和饮料展览会",
        kind="beef",
        when="2025:04:17 14:05:51",
        orientation=1,
    )
    agreement(
        ev(slug, "16-国际合作交流", "02-低温杀菌生产线进口合同（摘要）.jpg"),
        title="低温杀菌生产线进口合同（摘要）",
        number="GTNR-2024-IM-003",
        parties=[("买方", "山西古陶牛肉食品股份有限公司"), ("卖方", "荷兰某食品装备有限公司（经上海代理商）")],
        clauses=[
            "一、买方向卖方购买低温巴氏杀菌及快速冷却生产线1套，合同总价62.00万欧元（CIF天津）。",
            "二、卖方负责设备安装调试和操作人员培训，派驻工程师不少于2人，培训买方技术人员10人。",
            "三、设备质保期为验收合格后18个月，卖方提供远程技术支持和备件供应。",
        ],
        signers=[("买方", "山西古陶牛肉食品股份有限公司", "雷建国"), ("代理商", "上海和众食品机械进出口有限公司", "陈磊")],
        date="2024-05-22",
    )

    certificate(
        ev(slug, "17-境外分支机构", "01-古陶牛肉（香港）公司注册证明书.jpg"),
        title="公司注册证明书",
        title_colour=(40, 40, 40),
        number="编号：3268471",
        subtitle="CERTIFICATE OF INCORPORATION",
        lines=["本人谨此证明", "^古陶牛肉（香港）贸易有限公司", "GUTAO BEEF (HONG KONG) TRADING LIMITED", "于本日根据香港法例第622章《公司条例》在香港注册成为有限公司。", "本证书于二〇二三年五月十二日发出。"],
        org_lines=["香港特别行政区公司注册处处长"],
        date="2023-05-12",
        seals=["香港特别行政区公司注册处"],
        border=(90, 100, 120),
        bg=(246, 246, 244),
        body_size=15,
    )

    notice(
        ev(slug, "18-发展环境治理", "01-关于成立平遥县牛肉产业发展工作专班的通知.jpg"),
        org="平遥县人民政府办公室",
        kind="",
        number="平政办发〔2023〕36号",
        title="平遥县人民政府办公室关于成立平遥县牛肉产业发展工作专班的通知",
        recipient="各乡（镇）人民政府，县直各有关单位",
        body=["为推动平遥牛肉产业高质量发展，县人民政府决定成立平遥县牛肉产业发展工作专班，实行产业链“链长制”，由分管副县长任链长，县工信局、农业农村局、市场监管局、商务局、文旅局等部门为成员单位，专班办公室设在平遥县牛肉产业发展服务中心。", "主要职责：统筹研究集群发展重大事项；建立惠企政策宣贯兑现和企业诉求“接诉即办”机制；协调解决企业用地、融资、用工等问题；组织开展食品安全和知识产权保护联合执法。"],
        date="2023-04-11",
    )
    notice(
        ev(slug, "18-发展环境治理", "02-平遥牛肉知识产权保护协作机制.jpg"),
        org="平遥县市场监督管理局",
        kind="",
        number="平市监发〔2024〕22号",
        title="关于建立“平遥牛肉”地理标志和中小企业合法权益保护协作机制的通知",
        recipient="平遥县牛肉行业协会，各牛肉食品生产经营企业",
        body=["为保护“平遥牛肉”地理标志和集群中小企业合法权益，县市场监管局会同县公安局、县法院和行业协会建立保护协作机制。", "一、设立“平遥牛肉”维权服务站，受理企业商标侵权、不正当竞争等投诉；二、每年开展两次打击假冒“平遥牛肉”专项行动；三、建立线上巡查机制，联合电商平台下架侵权商品；四、对涉企行政检查实行“双随机、一公开”，减少对企业正常经营的干扰。"],
        date="2024-05-08",
    )

    notice(
        ev(slug, "19-公共服务平台", "01-中小企业公共服务平台认定文件.jpg"),
        org="晋中市工业和信息化局",
        number="市工信发〔2023〕57号",
        title="晋中市工业和信息化局关于认定2023年度晋中市中小企业公共服务平台的通知",
        recipient="各县（市、区）工信局",
        body=["经申报、审核和公示，认定平遥牛肉共享检测中心等15家服务机构为2023年度晋中市中小企业公共服务平台，现予公布（名单节选）。"],
        date="2023-08-30",
        tables=[("", [0.8, 3.6, 3.2, 1.4], ["序号", "平台名称", "运营单位", "所在县"], [[6, "平遥牛肉共享检测中心", "平遥县牛肉行业协会", "平遥县"], [7, "（以下略）", "", ""]])],
    )

    list_doc(
        ev(slug, "20-公共服务清单合同", "01-集群中小企业公共服务清单.jpg"),
        title=f"{c['name']}集群已提供的中小企业公共服务清单（2025年度）",
        subtitle=f"填报单位：{operator}（盖章）",
        widths=[0.6, 1.4, 4.2, 2.4, 1.2],
        header=["序号", "服务类别", "服务内容", "服务机构", "服务企业（家次）"],
        rows=[
            [1, "信息服务", "惠企政策推送、原料牛肉价格周报、展会信息", "牛肉产业发展服务中心", 310],
            [2, "创新支持", "检验检测、新品研发、专利申报辅导", "平遥牛肉产业研究院、共享检测中心", 142],
            [3, "人员培训", "非遗技艺传承人培训、食品安全管理员培训", "平遥县职业教育中心", 460],
            [4, "市场营销", "组织参展、直播带货孵化、古城伴手礼推广", "平遥县牛肉行业协会", 176],
            [5, "投融资服务", "“晋享贷”对接、专精特新贷、担保服务", "牛肉产业发展服务中心", 64],
        ],
        org=operator,
        date="2026-01-18",
        font_size=12,
        numbered=False,
    )
    rng = rng_for(ev(slug, "20-公共服务清单合同", "02-食品安全管理员培训签到表.jpg"))
    doc = Doc(top=150, left=110, right=110)
    doc.title("平遥牛肉集群食品安全管理员培训签到表", size=18)
    doc.line("培训时间：2025年6月12日　　培训地点：平遥县牛肉产业发展服务中心三楼会议室", 12, gap=48)
    names = ["雷建国", "武丽娜", "郝晓军", "冀雪梅", "梁志峰", "侯建英", "阎俊杰", "王淑芳", "段文斌", "程利平", "史红亮", "田雅琴", "赵永胜", "温晓燕", "康志明", "苏海霞"]
    firms = [e["name"] for e in c["lists"]["specialized"] + c["lists"]["little_giants"]]
    rows = [[i, firms[(i - 1) % len(firms)], n, "", f"13{(i * 7919) % 10}****{(i * 104729) % 10000:04d}"] for i, n in enumerate(names, 1)]
    doc.table([0.6, 4, 1.4, 1.6, 2.2], ["序号", "单位", "姓名", "签名", "联系电话"], rows, size=11, min_row=62)
    # handwritten names in the 签名 column
    sig_x = doc.left + doc.width * (6.0 / 9.8) + 8
    for (page, top, h), n in zip(doc.rows[1:], names):
        sign(page, n, sig_x, top + h / 2, rng, size=30)
    doc.signoff(operator, "2025-06-12", rng=rng)
    write_pages(ev(slug, "20-公共服务清单合同", "02-食品安全管理员培训签到表.jpg"), doc.pages, rng)


# ---------------------------------------------------------------------------------------------
# 榆次区液压装备产业 (yuci-hydraulics): 2023 cluster under provincial and national review.
# Recognition documents of 2023; the calculation processes the review volume asks for sit in
# 09 (R&D) and 13 (CO₂ and energy). Folders 02 and 20 stay empty.


def hydraulics():
    slug = "yuci-hydraulics"
    c = load(slug)
    office = "晋中市榆次区工业和信息化局"
    operator = "晋中经济技术开发区管理委员会"
    date = "2026-04-30"

    notice(
        ev(slug, "03-省级集群认定", "01-2023年度山西省中小企业特色产业集群名单.jpg"),
        org="山西省工业和信息化厅",
        number="晋工信中小企字〔2023〕187号",
        title="山西省工业和信息化厅关于公布2023年度山西省中小企业特色产业集群名单的通知",
        recipient="各市工业和信息化局",
        body=[
            "根据《山西省中小企业特色产业集群认定管理办法》，经县级申报、市级推荐、专家评审、实地抽查和公示，认定榆次区液压装备产业集群等20个集群为2023年度山西省中小企业特色产业集群，现予公布。",
            "各市、县要加大对特色产业集群的支持力度，指导集群运营管理机构落实发展规划，推动集群中小企业专精特新发展。省工信厅将对认定集群实施动态管理，认定有效期三年，期满复核。",
        ],
        date="2023-11-08",
        tables=[("2023年度山西省中小企业特色产业集群名单（节选）", [0.8, 4.2, 1.4, 2.2], ["序号", "集群名称", "所在市", "主导产业"], [
            [1, "榆次区液压装备产业集群", "晋中市", "液压零部件"], [2, "定襄县法兰锻造产业集群", "忻州市", "法兰锻件"], [3, "清徐县精品醋产业集群", "太原市", "食醋酿造"], [4, "（以下略）", "", ""]])],
    )
    rng = rng_for(ev(slug, "03-国家级集群认定", "01-工业和信息化部2023年度中小企业特色产业集群名单.pdf"))
    doc = Doc(numbered=True)
    doc.redhead("中华人民共和国工业和信息化部", "工信部企业函〔2023〕326号", kind="")
    doc.title("工业和信息化部关于公布2023年度中小企业特色产业集群名单的通知", size=20)
    doc.para("各省、自治区、直辖市及计划单列市、新疆生产建设兵团中小企业主管部门：", indent=0)
    doc.paras([
        "为贯彻落实党中央、国务院关于促进中小企业发展的决策部署，根据《促进中小企业特色产业集群发展暂行办法》（工信部企业〔2022〕119号），经地方推荐、专家评审和公示，确定100个集群为2023年度中小企业特色产业集群，现予公布。",
        "各地中小企业主管部门要加强对集群的指导和服务，集群运营管理机构要按照发展规划，推动集群主导产业提质增效，着力提升集群中小企业专精特新发展水平。我部将对集群实行动态管理，认定有效期三年。",
    ])
    doc.signoff("中华人民共和国工业和信息化部", "2023-11-20", rng=rng)
    doc.new_page()
    doc.line("附件", 16, "hei", gap=56)
    doc.title("2023年度中小企业特色产业集群名单", size=18)
    doc.table([0.8, 1.4, 4.6], ["序号", "省份", "集群名称"], [
        [45, "山西", "山西省晋中市榆次区液压装备产业集群"], [46, "山西", "山西省忻州市定襄县法兰锻造产业集群"], [47, "内蒙古", "（以下略）"]], size=12)
    doc.page_numbers()
    write_pages(ev(slug, "03-国家级集群认定", "01-工业和信息化部2023年度中小企业特色产业集群名单.pdf"), doc.pages, rng)

    key_enterprises(slug, c, office, date)
    certificate(
        ev(slug, "04-重点企业名单", "02-制造业单项冠军企业证书（榆液精工）.jpg"),
        title="制造业单项冠军企业",
        number="证书编号：DXGJ2023-0214",
        lines=["^山西榆液精工液压股份有限公司", "", "主营产品：煤矿液压支架用立柱千斤顶", "", "经评审，贵单位被认定为第八批制造业单项冠军企业，特发此证。", "有效期：2023年12月至2026年12月"],
        org_lines=["中华人民共和国工业和信息化部", "中国工业经济联合会"],
        date="2023-12-15",
        seals=["中华人民共和国工业和信息化部", "中国工业经济联合会"],
    )
    notice(
        ev(slug, "04-重点企业名单", "03-2023—2025年新增专精特新中小企业认定文件（节选）.jpg"),
        org="山西省工业和信息化厅",
        number="晋工信中小企字〔2025〕64号",
        title="山西省工业和信息化厅关于公布2025年度山西省专精特新中小企业名单的通知",
        recipient="各市工业和信息化局",
        body=["根据《优质中小企业梯度培育管理暂行办法》和我省实施细则，经企业自评、各市推荐、专家评审和公示，认定山西源盛液压油缸有限公司等612家企业为2025年度山西省专精特新中小企业（名单节选）。有效期三年。"],
        date="2025-06-27",
        tables=[("", [0.8, 4.6, 1.6], ["序号", "企业名称", "所在市"], [[388, "山西源盛液压油缸有限公司", "晋中市"], [389, "晋中恒岳液压智能科技有限公司", "晋中市"], [390, "（以下略）", ""]])],
    )

    chain_map(
        ev(slug, "05-产业链强链补链", "01-榆次液压产业链图谱.png"),
        title="榆次液压装备产业链图谱（2025年更新）",
        columns=[
            ("上游 · 材料与基础件", (70, 80, 100), [
                ("铸件 · 锻件", ["晋中张庆精密铸造有限公司"]),
                ("密封件 · 软管 · 管件", ["山西北田密封科技有限公司", "山西凯诺液压软管有限公司", "榆次郭家堡液压管件有限公司"]),
                ("热处理 · 表面处理", ["晋中精锐热处理有限公司（共享热处理中心）"]),
                ("传感器 · 控制系统", ["晋中恒岳液压智能科技有限公司"]),
            ]),
            ("中游 · 液压元件与系统", (30, 90, 160), [
                ("液压缸 · 立柱千斤顶", ["山西榆液精工液压股份有限公司", "山西晋缸液压科技股份有限公司", "晋中长凝液压件有限公司", "榆次东赵液压缸制造有限公司"]),
                ("液压阀", ["晋中鸣谦液压阀业有限公司", "榆次修文精密流体传动有限公司"]),
                ("液压泵 · 马达", ["山西乌金山液压泵业有限公司"]),
                ("液压系统集成 · 再制造", ["山西锦纶液压系统有限公司", "山西东阳智能液压装备有限公司", "山西源盛液压油缸有限公司"]),
            ]),
            ("下游 · 主机与应用", (180, 80, 40), [
                ("煤矿综采装备", ["省内外煤机主机企业、煤矿"]),
                ("工程机械 · 专用车辆", ["工程机械、环卫车主机厂"]),
                ("农业机械 · 风电 · 冶金", ["农机主机企业、风电整机企业"]),
                ("检测服务", ["晋中华液检测技术有限公司"]),
            ]),
        ],
        note="补链重点：高压柱塞泵、比例伺服阀、高端密封材料、电液控制器。",
        footer="晋中市榆次区工业和信息化局　2025年2月",
    )
    list_doc(
        ev(slug, "05-产业链强链补链", "02-液压产业链技术难点清单及揭榜挂帅项目.jpg"),
        title="榆次液压产业链技术难点清单及“揭榜挂帅”项目完成情况（2023—2025年）",
        subtitle=f"填报单位：{office}（盖章）",
        widths=[0.5, 3.6, 2.6, 2.6, 1.2],
        header=["序号", "攻关项目", "发榜单位", "揭榜单位", "进展"],
        rows=[
            [1, "大流量电液控制阀组", "山西榆液精工液压股份有限公司", "太原理工大学", "已产业化"],
            [2, "伺服液压缸高频响控制", "山西东阳智能液压装备有限公司", "太原理工大学", "已产业化"],
            [3, "负载敏感多路阀国产化", "榆次修文精密流体传动有限公司", "燕山大学", "已产业化"],
            [4, "活塞杆激光熔覆替代镀铬", "山西晋缸液压科技股份有限公司", "中北大学", "已产业化"],
            [5, "高压柱塞泵配流副耐磨涂层", "山西乌金山液压泵业有限公司", "太原科技大学", "中试"],
            [6, "聚氨酯密封件耐高水基介质", "山西北田密封科技有限公司", "山西省化工研究所", "已产业化"],
            [7, "液压元件状态监测与寿命预测", "晋中恒岳液压智能科技有限公司", "中北大学", "已产业化"],
            [8, "阀体3D打印砂芯铸造", "晋中张庆精密铸造有限公司", "太原理工大学", "已产业化"],
            [9, "比例伺服阀先导级", "晋中鸣谦液压阀业有限公司", "燕山大学", "攻关中"],
        ],
        org=office,
        date=date,
        font_size=11,
        numbered=False,
    )

    agreement(
        ev(slug, "06-产业链资源协同协作", "01-共享热处理中心服务协议.jpg"),
        title="榆次液压共享热处理中心服务协议",
        number="YCRCL-2024-018",
        parties=[("服务方", "晋中精锐热处理有限公司（共享热处理中心）"), ("委托方", "榆次东赵液压缸制造有限公司")],
        clauses=[
            "一、服务方为委托方提供活塞杆感应淬火、调质和渗氮热处理服务，执行委托方图纸和相关标准的技术要求。",
            "二、服务价格执行共享中心统一价格表，集群内中小企业享受九折优惠，开发区对2024年度服务费给予20%补贴。",
            "三、服务方对每批次产品出具硬度和金相检测报告，质量问题由服务方负责返工。",
            "四、本协议有效期一年，期满双方无异议自动续期。",
        ],
        signers=[("服务方", "晋中精锐热处理有限公司", "孟凡华"), ("委托方", "榆次东赵液压缸制造有限公司", "杜志明")],
        date="2024-01-10",
    )

    report(
        ev(slug, "07-质量品牌建设", "01-集群企业质量诊断服务报告（摘要）.pdf"),
        cover_title="榆次液压集群企业质量提升诊断报告（摘要）",
        cover_lines=[("组织单位", "晋中市市场监督管理局榆次分局"), ("服务机构", "晋中华液检测技术有限公司"), ("诊断企业", "36家")],
        org="晋中华液检测技术有限公司",
        date="2025-09-10",
        sections=[
            ("一、诊断情况", ["按照质量强市工作部署，诊断组对集群36家中小企业开展质量诊断，重点检查液压元件出厂试验、清洁度控制、焊接质量和计量器具管理。"]),
            ("二、主要问题与整改", ["发现液压缸出厂耐压试验保压时间不足、阀块清洁度检测缺失、焊缝无损检测比例偏低等问题97项，已整改91项；推动12家企业导入卓越绩效管理模式，集群产品监督抽查合格率由97.1%提高到99.3%。"]),
        ],
    )

    standards_list(slug, c, office, date)
    rng = rng_for(ev(slug, "08-标准清单", "02-国际标准制修订参与证明.jpg"))
    doc = Doc(top=170)
    doc.title("证　明", size=22)
    doc.paras([
        "兹证明山西榆液精工液压股份有限公司技术人员作为中国代表团专家，参加了国际标准化组织液压气动技术委员会（ISO/TC 131）有关工作组会议，参与了ISO 4413:2024《液压传动　系统及其元件的通用规则和安全要求》的修订工作，提出的关于矿用高压液压系统安全要求的技术意见被采纳。",
        "特此证明。",
    ])
    doc.signoff("全国液压气动标准化技术委员会秘书处", "2024-11-05", rng=rng, seal_text="全国液压气动标准化技术委员会")
    write_pages(ev(slug, "08-标准清单", "02-国际标准制修订参与证明.jpg"), doc.pages, rng)

    platforms_list(slug, c, office, date)
    spreadsheet(
        ev(slug, "09-创新平台", "02-2023—2025年集群中小企业研发经费计算过程.png"),
        title="榆次液压集群中小企业研发经费计算过程（2023—2025年）",
        header=["年度", "纳入统计企业（家）", "人员人工费用（万元）", "直接投入费用（万元）", "折旧及其他（万元）", "研发经费合计（亿元）"],
        rows=[["2022年", "128", "6,420", "6,180", "2,000", "1.46"], ["2023年", "134", "7,160", "6,930", "2,210", "1.63"], ["2024年", "140", "8,050", "7,620", "2,430", "1.81"], ["2025年", "146", "9,730", "9,250", "2,820", "2.18"]],
        widths=[1, 1.6, 1.9, 1.9, 1.9, 1.9],
        notes=[
            "口径：按财税〔2015〕119号研究开发费用税前加计扣除口径归集，数据来源于企业年度汇算清缴研发费用辅助账及统计联网直报。",
            "2022—2025年研发经费年均增速＝（2.18÷1.46）^(1/3)－1＝14.30%。",
            "制表：榆次区工信局企业服务股　　2026年3月",
        ],
    )

    patents_list(slug, c, office, date)

    enterprises = [e for e in c["lists"]["little_giants"] + c["lists"]["specialized"] + c["lists"]["champions"]]
    rows = []
    for i, e in enumerate(enterprises, 1):
        on = (i * 7) % 10 < 6 or i <= 5
        rows.append([i, e["name"], "是" if on else "否", "榆次液压产业工业互联网平台" if on else "—", "设备联网、远程运维" if on and i % 2 else ("质量追溯、能耗管理" if on else "—")])
    list_doc(
        ev(slug, "11-数字化服务", "01-工业互联网平台应用普及率清单.jpg"),
        title="榆次液压集群工业互联网平台应用普及情况清单（重点企业部分）",
        subtitle=f"填报单位：{office}（盖章）　　集群中小企业146家，接入工业互联网平台63家，普及率43.15%（含下表以外企业）",
        widths=[0.5, 3.6, 0.9, 3.0, 2.4],
        header=["序号", "企业名称", "是否接入", "接入平台", "主要应用"],
        rows=rows,
        org=office,
        date=date,
        font_size=10.5,
        numbered=False,
    )

    notice(
        ev(slug, "12-数字化新模式新业态", "01-智能制造示范工厂揭榜单位名单（节选）.jpg"),
        org="中华人民共和国工业和信息化部办公厅",
        kind="",
        number="工信厅联通装函〔2024〕372号",
        title="关于公布2024年度智能制造示范工厂揭榜单位和优秀场景名单的通知",
        recipient="各省、自治区、直辖市及计划单列市、新疆生产建设兵团工业和信息化主管部门",
        body=["按照《智能制造试点示范行动实施方案》，经地方推荐、专家评审和网上公示，确定了2024年度智能制造示范工厂揭榜单位和优秀场景名单，现予公布（名单节选）。"],
        date="2024-12-26",
        tables=[("", [0.8, 3.8, 3.4, 1.0], ["序号", "企业名称", "示范工厂名称", "地区"], [[176, "山西榆液精工液压股份有限公司", "煤机液压元件智能制造示范工厂", "山西"], [177, "（以下略）", "", ""]])],
    )

    # (工业总产值 亿元, 综合能源消费量 吨标准煤, 二氧化碳排放量 万吨)
    energy = {2023: (61.30, 44140, 12.10), 2024: (68.50, 45210, 11.78), 2025: (76.40, 45840, 11.36)}
    rows = []
    for y, (out_yi, tce, co2) in energy.items():
        out_wan = out_yi * 10000
        rows.append([f"{y}年", f"{out_wan:,.0f}", f"{tce:,}", f"{tce / out_wan:.2f}", f"{co2:.2f}", f"{co2 * 10000 / out_wan:.2f}"])
    list_doc(
        ev(slug, "13-碳排放监测机制", "01-二氧化碳排放强度及单位工业产值能耗计算过程.jpg"),
        title="榆次液压集群二氧化碳排放强度及单位工业产值能耗计算过程（2023—2025年）",
        subtitle=f"填报单位：{operator}（盖章）",
        preface=[
            "一、计算方法：单位工业产值能耗＝集群综合能源消费量÷集群工业总产值；二氧化碳排放量＝Σ（天然气等化石能源消费量×排放因子）＋净购入电力×区域电网平均排放因子（0.5366吨二氧化碳/兆瓦时）；二氧化碳排放强度＝二氧化碳排放量÷集群工业总产值。",
            "二、数据来源：集群企业能源统计报表、开发区能耗在线监测平台、区统计局工业总产值数据。",
        ],
        widths=[0.9, 1.8, 1.9, 1.7, 1.6, 1.7],
        header=["年度", "工业总产值（万元）", "综合能源消费量（吨标准煤）", "单位产值能耗（吨标准煤/万元）", "二氧化碳排放量（万吨）", "排放强度（吨/万元）"],
        rows=rows,
        org=operator,
        date=date,
        note="注：2025年二氧化碳排放量11.36万吨，较2022年的12.40万吨下降8.39%，完成2025年目标值（11.50万吨）。",
        font_size=11,
        numbered=False,
    )

    notice(
        ev(slug, "14-绿色低碳工作", "01-激光熔覆替代电镀硬铬技术改造项目验收意见.jpg"),
        org="晋中经济技术开发区管理委员会",
        kind="",
        number="晋中开管函〔2025〕19号",
        title="关于液压缸活塞杆激光熔覆替代电镀硬铬技术改造项目验收意见的函",
        recipient="山西晋缸液压科技股份有限公司、山西源盛液压油缸有限公司",
        body=["开发区组织专家对你单位实施的液压缸活塞杆激光熔覆替代电镀硬铬技术改造项目进行了验收。项目建成激光熔覆生产线4条，替代原有电镀硬铬生产线3条，关停含铬废水处理设施，年减少含铬危险废物约120吨，单位产品能耗下降15%，涂层耐腐蚀性能优于原镀铬工艺。", "经验收，项目建设内容完成，运行稳定，环境效益和节能效益明显，同意通过验收。"],
        date="2025-03-18",
    )

    notice(
        ev(slug, "15-绿色制造体系", "01-省级绿色工厂及绿色设计产品名单（节选）.jpg"),
        org="山西省工业和信息化厅",
        number="晋工信节能字〔2025〕77号",
        title="山西省工业和信息化厅关于公布2025年度山西省绿色制造名单的通知",
        recipient="各市工业和信息化局",
        body=["经企业自评价、第三方评价、各市推荐、专家评审和公示，确定2025年度山西省绿色工厂86家、绿色设计产品42个、绿色供应链管理企业12家，现予公布（名单节选）。"],
        date="2025-09-19",
        tables=[("绿色设计产品（节选）", [0.8, 3.6, 3.2, 1.2], ["序号", "产品名称", "企业名称", "所在市"], [[27, "矿用液压支架立柱（再制造）", "山西源盛液压油缸有限公司", "晋中市"], [28, "（以下略）", "", ""]])],
    )

    expo_photo(
        ev(slug, "16-国际合作交流", "01-汉诺威工业博览会参展照片.jpg"),
        banner="SHANXI YUCI HYDRAULICS",
        sub="HANNOVER MESSE 2024 · 榆次液压装备产业集群",
        kind="hydraulic",
        when="2024:04:23 11:18:07",
        orientation=8,
    )

    list_doc(
        ev(slug, "17-境外分支机构", "01-境外分支机构清单.jpg"),
        title=f"{c['name']}集群企业境外分支机构清单",
        subtitle=f"填报单位：{office}（盖章）",
        widths=[0.6, 3.6, 1.2, 3.2, 1.0],
        header=["序号", "境外分支机构名称", "所在国家（地区）", "设立企业", "设立年度"],
        rows=branch_rows(c),
        org=office,
        date=date,
        font_size=12,
        numbered=False,
    )
    certificate(
        ev(slug, "17-境外分支机构", "02-企业境外投资证书（晋缸德国）.jpg"),
        title="企业境外投资证书",
        title_colour=(150, 30, 40),
        number="境外投资证第N1400202400118号",
        lines=["境内投资主体：山西晋缸液压科技股份有限公司", "境外企业名称：晋缸液压（德国）技术服务有限公司", "投资总额：120万欧元", "国家/地区：德国", "经营范围：液压缸产品销售、售后技术服务及零部件仓储", "投资路径：直接投资", "核发日期：2024年9月11日"],
        org_lines=["山西省商务厅"],
        date="2024-09-11",
        seals=["山西省商务厅"],
        border=(150, 110, 60),
        body_size=15,
    )

    rng = rng_for(ev(slug, "18-发展环境治理", "01-集群运营管理机构变更情况说明.jpg"))
    doc = Doc(top=180)
    doc.title("关于榆次区液压装备产业集群运营管理机构变更的情况说明", size=20)
    doc.para("山西省工业和信息化厅：", indent=0)
    doc.paras([p for p in c["operator"]["change_note"].split("\n\n") if p.strip()])
    doc.para("特此说明。")
    doc.signoff(office, "2026-04-30", rng=rng)
    write_pages(ev(slug, "18-发展环境治理", "01-集群运营管理机构变更情况说明.jpg"), doc.pages, rng)
    notice(
        ev(slug, "18-发展环境治理", "02-榆次区液压产业集群培育工作领导小组文件.jpg"),
        org="晋中市榆次区人民政府办公室",
        kind="",
        number="榆政办发〔2023〕58号",
        title="关于调整榆次区液压产业集群培育工作领导小组的通知",
        recipient="各乡（镇）人民政府、街道办事处，区直各有关单位",
        body=["为加快推进国家中小企业特色产业集群建设，区人民政府决定调整榆次区液压产业集群培育工作领导小组，由区长任组长，分管副区长任副组长，区工信局、发改局、科技局、财政局、市场监管局、晋中经济技术开发区管理委员会等为成员单位。", "领导小组实行“链长+链主+专班”工作机制，建立惠企政策直达、企业诉求快办、公共服务效果年度考核制度，每季度召开一次集群发展推进会，研究解决集群发展中的重大问题。"],
        date="2023-12-22",
    )

    notice(
        ev(slug, "19-公共服务平台", "01-省级中小企业公共服务示范平台认定文件（节选）.jpg"),
        org="山西省工业和信息化厅",
        number="晋工信中小企字〔2022〕71号",
        title="山西省工业和信息化厅关于认定2022年度山西省中小企业公共服务示范平台的通知",
        recipient="各市工业和信息化局",
        body=["经各市推荐、专家评审和公示，认定晋中市液压件检测公共技术服务平台等28家平台为2022年度山西省中小企业公共服务示范平台，现予公布（名单节选）。"],
        date="2022-08-16",
        tables=[("", [0.8, 3.8, 3.2, 1.2], ["序号", "平台名称", "运营单位", "所在市"], [[11, "晋中市液压件检测公共技术服务平台", "晋中华液检测技术有限公司", "晋中市"], [12, "（以下略）", "", ""]])],
    )


def build_all(slugs):
    builders = {"qixian-glass": glass, "pingyao-beef": beef, "yuci-hydraulics": hydraulics}
    for slug in slugs:
        builders[slug]()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", help="regenerate one cluster (qixian-glass, pingyao-beef, yuci-hydraulics)")
    args = ap.parse_args()
    slugs = [args.only] if args.only else ["qixian-glass", "pingyao-beef", "yuci-hydraulics"]
    for slug in slugs:
        target = DATA / slug / "evidence"
        if target.exists():
            shutil.rmtree(target)
        target.mkdir(parents=True)
    build_all(slugs)
    total = 0
    for slug in slugs:
        files = sorted(p for p in (DATA / slug / "evidence").rglob("*") if p.is_file())
        size = sum(p.stat().st_size for p in files)
        total += size
        print(f"{slug}: {len(files)} files, {size / 1e6:.2f} MB")
    print(f"total {total / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
