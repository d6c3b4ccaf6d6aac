//! SOQL literals. Every value the portal puts in a query goes through [`literal`], so a
//! customer number like `' OR Id != '` stays one quoted string and cannot widen the query.

/// `value` as a quoted SOQL string literal, with the escapes SOQL defines (`\'`, `\"`,
/// `\\`, `\n`, `\r`, `\t`, `\b`, `\f`).
pub fn literal(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('\'');
    for c in value.chars() {
        match c {
            '\'' => out.push_str("\\'"),
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// A field name from configuration, checked to be a plain API name (`Customer_Number__c`,
/// `AccountNumber`): it is put into queries unquoted, so nothing else may pass.
pub fn is_field_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name.len() <= 80
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_and_backslashes_are_escaped() {
        assert_eq!(literal("SNX-1"), "'SNX-1'");
        assert_eq!(literal("' OR Id != '"), r"'\' OR Id != \''");
        assert_eq!(literal(r"a\' b"), r"'a\\\' b'");
        assert_eq!(literal("x\ny\t\"z\""), r#"'x\ny\t\"z\"'"#);
    }

    #[test]
    fn configured_field_names_are_plain_identifiers() {
        assert!(is_field_name("AccountNumber"));
        assert!(is_field_name("WHMCS_Client_ID__c"));
        assert!(!is_field_name("Name FROM User"));
        assert!(!is_field_name("1Field"));
        assert!(!is_field_name(""));
        assert!(!is_field_name("A'"));
    }
}
