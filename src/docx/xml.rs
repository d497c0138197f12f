//! A small XML writer. Every DOCX part is written by hand in schema order, so all that is
//! needed is correct escaping and tags that always close.

use std::fmt::{Display, Write};

/// One XML part being written.
pub(crate) struct Xml {
    out: String,
    open: Vec<&'static str>,
}

/// An attribute: name and any displayable value (text or number).
pub(crate) type Attr<'a> = (&'static str, &'a dyn Display);

impl Xml {
    /// Starts a part with the XML declaration Word writes.
    pub fn part() -> Xml {
        Xml { out: String::from("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"), open: Vec::new() }
    }

    pub fn open(&mut self, tag: &'static str, attrs: &[Attr]) -> &mut Xml {
        self.start(tag, attrs);
        self.out.push('>');
        self.open.push(tag);
        self
    }

    pub fn empty(&mut self, tag: &'static str, attrs: &[Attr]) -> &mut Xml {
        self.start(tag, attrs);
        self.out.push_str("/>");
        self
    }

    /// Closes the innermost open element.
    pub fn close(&mut self) -> &mut Xml {
        if let Some(tag) = self.open.pop() {
            self.out.push_str("</");
            self.out.push_str(tag);
            self.out.push('>');
        }
        self
    }

    /// An element holding only text: `<tag attrs>text</tag>`.
    pub fn text_element(&mut self, tag: &'static str, attrs: &[Attr], text: &str) -> &mut Xml {
        self.open(tag, attrs);
        escape_into(&mut self.out, text, false);
        self.close()
    }

    /// The finished part; elements left open are closed.
    pub fn finish(mut self) -> String {
        while !self.open.is_empty() {
            self.close();
        }
        self.out
    }

    fn start(&mut self, tag: &str, attrs: &[Attr]) {
        self.out.push('<');
        self.out.push_str(tag);
        let mut value = String::new();
        for (name, v) in attrs {
            value.clear();
            // Writing into a String cannot fail.
            let _ = write!(value, "{v}");
            self.out.push(' ');
            self.out.push_str(name);
            self.out.push_str("=\"");
            escape_into(&mut self.out, &value, true);
            self.out.push('"');
        }
    }
}

/// Escapes text for element content or (with `attribute`) a double-quoted attribute value.
/// Characters XML 1.0 cannot carry at all (C0 controls other than tab, line feed and carriage
/// return, U+FFFE, U+FFFF) are dropped: no reader could open the part otherwise.
pub(crate) fn escape_into(out: &mut String, text: &str, attribute: bool) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\r' if attribute => out.push_str("&#13;"),
            c if is_xml_char(c) => out.push(c),
            _ => {}
        }
    }
}

fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped_and_invalid_ones_dropped() {
        let mut x = Xml::part();
        x.text_element("w:t", &[("a", &"\"<&>\"")], "a<b & c]]>d\u{1}\u{B}e😀");
        let out = x.finish();
        assert!(out.ends_with(r#"<w:t a="&quot;&lt;&amp;&gt;&quot;">a&lt;b &amp; c]]&gt;de😀</w:t>"#), "{out}");
    }

    #[test]
    fn numbers_are_attributes_too_and_open_elements_close() {
        let mut x = Xml::part();
        x.open("w:a", &[("n", &42)]).empty("w:b", &[]);
        assert!(x.finish().ends_with(r#"<w:a n="42"><w:b/></w:a>"#));
    }
}
