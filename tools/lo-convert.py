#!/usr/bin/python3
"""Converts DOCX files to PDF in a running LibreOffice (tools/docx-to-pdf.sh starts it), reading
two paragraph settings as Word reads them where LibreOffice 7.4 does not:

- w:autoSpaceDE / w:autoSpaceDN off: LibreOffice ignores them and puts a fifth of an em between
  Chinese and Latin text (its "character distance"); Word puts nothing.
- w:overflowPunct off: LibreOffice reads the value inverted and hangs ，。 past the margin in
  body text; Word hangs nothing.

dossier writes both off, so every paragraph is set so here. Usage:
    lo-convert.py PIPE OUTDIR FILE.docx...
"""
import os
import sys
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException


def props(**values):
    out = []
    for name, value in values.items():
        p = PropertyValue()
        p.Name, p.Value = name, value
        out.append(p)
    return tuple(out)


def connect(pipe):
    resolver = uno.getComponentContext().ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", uno.getComponentContext())
    for _ in range(600):
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            return ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        except NoConnectException:
            time.sleep(0.1)
    sys.exit("LibreOffice did not start")


def paragraphs(text):
    """Every paragraph of a text, those in its tables' cells included."""
    items = text.createEnumeration()
    while items.hasMoreElements():
        item = items.nextElement()
        if item.supportsService("com.sun.star.text.TextTable"):
            for name in item.getCellNames():
                yield from paragraphs(item.getCellByName(name).getText())
        elif item.supportsService("com.sun.star.text.Paragraph"):
            yield item


def main():
    pipe, out, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    desktop = connect(pipe)
    # Keep the blank pages Word inserts for odd-page section breaks (a cover's back), as a
    # printer would print them.
    export = props(FilterName="writer_pdf_Export",
                   FilterData=uno.Any("[]com.sun.star.beans.PropertyValue", props(IsSkipEmptyPages=False)))
    for path in files:
        url = uno.systemPathToFileUrl(os.path.abspath(path))
        doc = desktop.loadComponentFromURL(url, "_blank", 0, props(Hidden=True))
        for p in paragraphs(doc.getText()):
            p.ParaIsCharacterDistance = False
            p.ParaIsHangingPunctuation = False
        name = os.path.splitext(os.path.basename(path))[0] + ".pdf"
        doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(os.path.join(out, name))), export)
        doc.close(True)
    desktop.terminate()


main()
