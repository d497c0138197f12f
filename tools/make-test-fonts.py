#!/usr/bin/python3
"""Writes tests/fonts/: the open Dossier Kai, cut down to a few characters and renamed to the
official fonts' family names, as Windows and the vendors ship them. Font discovery is tested on
them (cargo test, and under Wine from the Wine prefix's Fonts folders: tools/check-windows.sh).

Needs fontTools (Debian: python3-fonttools). Run from the repository: tools/make-test-fonts.py
"""
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

SOURCE = "fonts/DossierKai-Regular.ttf"
TEXT = "中文表集群申报仿宋黑体楷小标产业"
OUT = Path("tests/fonts")
CHINESE, ENGLISH = 0x804, 0x409


def renamed(chinese, english, postscript, gbk_only=False):
    """The source font, subset to TEXT, answering to the given names only."""
    font = TTFont(SOURCE)
    options = subset.Options()
    options.name_IDs = []  # every name goes; the ones below are all the font has
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=TEXT)
    subsetter.subset(font)
    name = font["name"]
    name.names = []
    for name_id, value in ((1, english), (2, "Regular"), (4, english), (6, postscript)):
        name.setName(value, name_id, 3, 1, ENGLISH)
    if chinese:
        # Old Chinese fonts write their Chinese names in the legacy PRC encoding (GBK).
        platform = (3, 3) if gbk_only else (3, 1)
        for name_id in (1, 4):
            name.setName(chinese, name_id, *platform, CHINESE)
    font["head"].created = font["head"].modified = 0
    return font


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    system = OUT / "Windows" / "Fonts"
    user = OUT / "LocalAppData" / "Microsoft" / "Windows" / "Fonts"
    for folder in (system, user):
        folder.mkdir(parents=True, exist_ok=True)
    renamed("仿宋", "FangSong", "FangSong").save(system / "simfang.ttf")
    renamed("仿宋_GB2312", "FangSong_GB2312", "FangSong_GB2312").save(system / "仿宋_GB2312.ttf")
    renamed("黑体", "SimHei", "SimHei").save(system / "simhei.ttf")
    renamed("方正小标宋简体", "FZXiaoBiaoSong-B05S", "FZXBSJW--GB1-0").save(system / "FZXBSJW.TTF")
    # Named like the official font, but it is not: the file name alone must not count.
    renamed(None, "Not Official", "NotOfficial").save(system / "方正小标宋简体.ttf")
    # SimSun's collection, with NSimSun first: the face is chosen by its name too.
    collection = TTCollection()
    collection.fonts = [renamed("新宋体", "NSimSun", "NSimSun"), renamed("宋体", "SimSun", "SimSun")]
    collection.save(system / "simsun.ttc")
    # Installed for one user only, with its Chinese name in GBK and no official English name.
    renamed("楷体_GB2312", "Legacy Kai", "KaiTi_GB2312", gbk_only=True).save(user / "楷体_GB2312.ttf")


if __name__ == "__main__":
    main()
