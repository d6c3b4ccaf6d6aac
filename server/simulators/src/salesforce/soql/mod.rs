//! The SOQL subset the Salesforce simulator answers (contract A9): `SELECT` fields, one-level
//! parent paths (`Product2.Name`) or `COUNT()`, one `FROM` object, an optional child subquery
//! `(SELECT … FROM OrderItems)`, `WHERE` with `= != < > <= >=`, `IN`, `NOT IN`, `LIKE`, `AND`,
//! `OR` and parentheses over literals (`'x'` with backslash escapes, numbers, `true`, `false`,
//! `null`, dates), `ORDER BY … ASC|DESC`, `LIMIT`, `OFFSET`. Keywords and field names are
//! case-insensitive. Anything else is `MALFORMED_QUERY`, as a real org answers it.

use serde_json::Value;
use std::cmp::Ordering;

/// A parsed query.
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    pub select: Select,
    pub object: String,
    pub filter: Option<Expr>,
    /// Field path and whether descending.
    pub order: Vec<(Vec<String>, bool)>,
    pub limit: Option<usize>,
    pub offset: Option<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Select {
    Count,
    Fields(Vec<Field>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Field {
    /// `Name`, or `Product2.Name` (a parent's field).
    Path(Vec<String>),
    /// A child relationship subquery, e.g. `(SELECT Id FROM OrderItems)`.
    Children(Box<Query>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    Str(String),
    Num(f64),
    Bool(bool),
    Null,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Eq,
    Ne,
    Lt,
    Gt,
    Le,
    Ge,
    Like,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Compare(Vec<String>, Op, Literal),
    In(Vec<String>, Vec<Literal>, bool),
}

/// Why a query was refused: Salesforce's `errorCode` and message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SoqlError {
    pub code: &'static str,
    pub message: String,
}

fn malformed(message: impl Into<String>) -> SoqlError {
    SoqlError {
        code: "MALFORMED_QUERY",
        message: message.into(),
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Word(String),
    Str(String),
    Num(f64),
    Sym(&'static str),
}

fn tokenize(q: &str) -> Result<Vec<Token>, SoqlError> {
    let chars: Vec<char> = q.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '\'' {
            let mut s = String::new();
            i += 1;
            loop {
                match chars.get(i) {
                    None => return Err(malformed("unterminated string literal")),
                    Some('\\') => {
                        let escaped = match chars.get(i + 1) {
                            Some('n') => '\n',
                            Some('t') => '\t',
                            Some(e @ ('\'' | '\\' | '"' | '%' | '_')) => *e,
                            _ => return Err(malformed("invalid escape sequence")),
                        };
                        if matches!(escaped, '%' | '_') {
                            s.push('\\'); // kept for LIKE, where it means a literal % or _
                        }
                        s.push(escaped);
                        i += 2;
                    }
                    Some('\'') => {
                        i += 1;
                        break;
                    }
                    Some(ch) => {
                        s.push(*ch);
                        i += 1;
                    }
                }
            }
            out.push(Token::Str(s));
        } else if c.is_ascii_digit()
            || (c == '-' && chars.get(i + 1).is_some_and(char::is_ascii_digit))
        {
            let start = i;
            i += 1;
            while chars
                .get(i)
                .is_some_and(|d| d.is_ascii_alphanumeric() || matches!(d, '.' | '-' | ':' | '+'))
            {
                i += 1;
            }
            let text: String = chars[start..i].iter().collect();
            // Dates and datetimes (2026-01-20, 2026-01-20T00:00:00Z) are compared as text.
            out.push(match text.parse::<f64>() {
                Ok(n) => Token::Num(n),
                Err(_) => Token::Str(text),
            });
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while chars
                .get(i)
                .is_some_and(|d| d.is_alphanumeric() || matches!(d, '_' | '.'))
            {
                i += 1;
            }
            out.push(Token::Word(chars[start..i].iter().collect()));
        } else {
            let two: String = chars[i..(i + 2).min(chars.len())].iter().collect();
            let sym = match two.as_str() {
                "!=" => Some("!="),
                "<=" => Some("<="),
                ">=" => Some(">="),
                "<>" => Some("!="),
                _ => None,
            };
            if let Some(s) = sym {
                out.push(Token::Sym(s));
                i += 2;
                continue;
            }
            out.push(Token::Sym(match c {
                '(' => "(",
                ')' => ")",
                ',' => ",",
                '=' => "=",
                '<' => "<",
                '>' => ">",
                other => return Err(malformed(format!("unexpected token: '{other}'"))),
            }));
            i += 1;
        }
    }
    Ok(out)
}

struct Parser {
    tokens: Vec<Token>,
    at: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn next(&mut self) -> Option<Token> {
        let t = self.tokens.get(self.at).cloned();
        self.at += 1;
        t
    }

    fn keyword(&self, kw: &str) -> bool {
        matches!(self.peek(), Some(Token::Word(w)) if w.eq_ignore_ascii_case(kw))
    }

    fn expect_keyword(&mut self, kw: &str) -> Result<(), SoqlError> {
        if self.keyword(kw) {
            self.at += 1;
            Ok(())
        } else {
            Err(self.unexpected())
        }
    }

    fn symbol(&self, s: &str) -> bool {
        matches!(self.peek(), Some(Token::Sym(t)) if *t == s)
    }

    fn expect_symbol(&mut self, s: &str) -> Result<(), SoqlError> {
        if self.symbol(s) {
            self.at += 1;
            Ok(())
        } else {
            Err(self.unexpected())
        }
    }

    fn unexpected(&self) -> SoqlError {
        match self.peek() {
            Some(Token::Word(w)) => malformed(format!("unexpected token: '{w}'")),
            Some(Token::Str(s)) => malformed(format!("unexpected token: '{s}'")),
            Some(Token::Num(n)) => malformed(format!("unexpected token: '{n}'")),
            Some(Token::Sym(s)) => malformed(format!("unexpected token: '{s}'")),
            None => malformed("unexpected end of query"),
        }
    }

    fn path(&mut self) -> Result<Vec<String>, SoqlError> {
        match self.next() {
            Some(Token::Word(w)) if !is_reserved(&w) => {
                let parts: Vec<String> = w.split('.').map(str::to_string).collect();
                if parts.len() > 2 || parts.iter().any(String::is_empty) {
                    return Err(malformed(format!("unsupported field path: '{w}'")));
                }
                Ok(parts)
            }
            _ => {
                self.at -= 1;
                Err(self.unexpected())
            }
        }
    }

    fn query(&mut self) -> Result<Query, SoqlError> {
        self.expect_keyword("SELECT")?;
        let select = if self.keyword("COUNT") {
            self.at += 1;
            self.expect_symbol("(")?;
            self.expect_symbol(")")?;
            Select::Count
        } else {
            let mut fields = Vec::new();
            loop {
                if self.symbol("(") {
                    self.at += 1;
                    let sub = self.query()?;
                    self.expect_symbol(")")?;
                    fields.push(Field::Children(Box::new(sub)));
                } else {
                    fields.push(Field::Path(self.path()?));
                }
                if !self.symbol(",") {
                    break;
                }
                self.at += 1;
            }
            Select::Fields(fields)
        };
        self.expect_keyword("FROM")?;
        let object = match self.next() {
            // `Order` is an object as well as a keyword: here it can only be the object.
            Some(Token::Word(w)) if !w.contains('.') => w,
            _ => {
                self.at -= 1;
                return Err(self.unexpected());
            }
        };
        let filter = if self.keyword("WHERE") {
            self.at += 1;
            Some(self.or()?)
        } else {
            None
        };
        let mut order = Vec::new();
        if self.keyword("ORDER") {
            self.at += 1;
            self.expect_keyword("BY")?;
            loop {
                let p = self.path()?;
                let desc = if self.keyword("DESC") {
                    self.at += 1;
                    true
                } else {
                    if self.keyword("ASC") {
                        self.at += 1;
                    }
                    false
                };
                order.push((p, desc));
                if !self.symbol(",") {
                    break;
                }
                self.at += 1;
            }
        }
        let limit = self.count_clause("LIMIT")?;
        let offset = self.count_clause("OFFSET")?;
        Ok(Query {
            select,
            object,
            filter,
            order,
            limit,
            offset,
        })
    }

    fn count_clause(&mut self, kw: &str) -> Result<Option<usize>, SoqlError> {
        if !self.keyword(kw) {
            return Ok(None);
        }
        self.at += 1;
        match self.next() {
            Some(Token::Num(n)) if n >= 0.0 && n.fract() == 0.0 => Ok(Some(n as usize)),
            _ => {
                self.at -= 1;
                Err(self.unexpected())
            }
        }
    }

    fn or(&mut self) -> Result<Expr, SoqlError> {
        let mut left = self.and()?;
        while self.keyword("OR") {
            self.at += 1;
            left = Expr::Or(Box::new(left), Box::new(self.and()?));
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<Expr, SoqlError> {
        let mut left = self.condition()?;
        while self.keyword("AND") {
            self.at += 1;
            left = Expr::And(Box::new(left), Box::new(self.condition()?));
        }
        Ok(left)
    }

    fn condition(&mut self) -> Result<Expr, SoqlError> {
        if self.symbol("(") {
            self.at += 1;
            let e = self.or()?;
            self.expect_symbol(")")?;
            return Ok(e);
        }
        let field = self.path()?;
        let negated = self.keyword("NOT");
        if negated {
            self.at += 1;
        }
        if self.keyword("IN") {
            self.at += 1;
            self.expect_symbol("(")?;
            let mut values = vec![self.literal()?];
            while self.symbol(",") {
                self.at += 1;
                values.push(self.literal()?);
            }
            self.expect_symbol(")")?;
            return Ok(Expr::In(field, values, negated));
        }
        if negated {
            return Err(self.unexpected());
        }
        let op = match self.next() {
            Some(Token::Sym("=")) => Op::Eq,
            Some(Token::Sym("!=")) => Op::Ne,
            Some(Token::Sym("<")) => Op::Lt,
            Some(Token::Sym(">")) => Op::Gt,
            Some(Token::Sym("<=")) => Op::Le,
            Some(Token::Sym(">=")) => Op::Ge,
            Some(Token::Word(w)) if w.eq_ignore_ascii_case("LIKE") => Op::Like,
            _ => {
                self.at -= 1;
                return Err(self.unexpected());
            }
        };
        Ok(Expr::Compare(field, op, self.literal()?))
    }

    fn literal(&mut self) -> Result<Literal, SoqlError> {
        match self.next() {
            Some(Token::Str(s)) => Ok(Literal::Str(s)),
            Some(Token::Num(n)) => Ok(Literal::Num(n)),
            Some(Token::Word(w)) if w.eq_ignore_ascii_case("true") => Ok(Literal::Bool(true)),
            Some(Token::Word(w)) if w.eq_ignore_ascii_case("false") => Ok(Literal::Bool(false)),
            Some(Token::Word(w)) if w.eq_ignore_ascii_case("null") => Ok(Literal::Null),
            _ => {
                self.at -= 1;
                Err(self.unexpected())
            }
        }
    }
}

fn is_reserved(w: &str) -> bool {
    const RESERVED: [&str; 14] = [
        "SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "IN", "LIKE", "ORDER", "BY", "LIMIT",
        "OFFSET", "ASC", "DESC",
    ];
    RESERVED.iter().any(|r| r.eq_ignore_ascii_case(w))
}

/// Parses one query; anything outside the subset is `MALFORMED_QUERY`.
pub fn parse(q: &str) -> Result<Query, SoqlError> {
    let mut p = Parser {
        tokens: tokenize(q)?,
        at: 0,
    };
    let query = p.query()?;
    if p.peek().is_some() {
        return Err(p.unexpected());
    }
    Ok(query)
}

/// A field of a record (a JSON object), case-insensitively; a parent path reads the nested
/// parent record (`null` when there is none).
pub fn field<'a>(record: &'a Value, path: &[String]) -> Option<&'a Value> {
    let mut v = record;
    for part in path {
        let obj = v.as_object()?;
        v = obj
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(part))
            .map(|(_, v)| v)?;
        if v.is_null() {
            return Some(v);
        }
    }
    Some(v)
}

fn compare(value: &Value, lit: &Literal) -> Option<Ordering> {
    match (value, lit) {
        (Value::String(s), Literal::Str(l)) => Some(s.as_str().cmp(l.as_str())),
        (Value::Number(n), Literal::Num(l)) => n.as_f64()?.partial_cmp(l),
        (Value::Bool(b), Literal::Bool(l)) => Some(b.cmp(l)),
        _ => None,
    }
}

/// SOQL `LIKE`: `%` any run, `_` one character, case-insensitive; `\%`/`\_` are literal.
fn like(text: &str, pattern: &str) -> bool {
    fn go(t: &[char], p: &[char]) -> bool {
        match p.split_first() {
            None => t.is_empty(),
            Some(('\\', rest)) => match (rest.split_first(), t.split_first()) {
                (Some((pc, prest)), Some((tc, trest))) => pc == tc && go(trest, prest),
                _ => false,
            },
            Some(('%', rest)) => (0..=t.len()).any(|i| go(&t[i..], rest)),
            Some(('_', rest)) => !t.is_empty() && go(&t[1..], rest),
            Some((pc, rest)) => t.first().is_some_and(|tc| tc == pc) && go(&t[1..], rest),
        }
    }
    let t: Vec<char> = text.to_lowercase().chars().collect();
    let p: Vec<char> = pattern.to_lowercase().chars().collect();
    go(&t, &p)
}

fn literal_matches(value: &Value, lit: &Literal) -> bool {
    match lit {
        Literal::Null => value.is_null(),
        _ => compare(value, lit) == Some(Ordering::Equal),
    }
}

/// Whether `record` satisfies `expr`. A field the record lacks is `null`.
pub fn matches(expr: &Expr, record: &Value) -> bool {
    match expr {
        Expr::And(a, b) => matches(a, record) && matches(b, record),
        Expr::Or(a, b) => matches(a, record) || matches(b, record),
        Expr::In(path, values, negated) => {
            let v = field(record, path).unwrap_or(&Value::Null);
            values.iter().any(|l| literal_matches(v, l)) != *negated
        }
        Expr::Compare(path, op, lit) => {
            let v = field(record, path).unwrap_or(&Value::Null);
            match op {
                Op::Eq => literal_matches(v, lit),
                Op::Ne => !literal_matches(v, lit),
                Op::Like => match (v, lit) {
                    (Value::String(s), Literal::Str(p)) => like(s, p),
                    _ => false,
                },
                Op::Lt => compare(v, lit) == Some(Ordering::Less),
                Op::Gt => compare(v, lit) == Some(Ordering::Greater),
                Op::Le => matches!(compare(v, lit), Some(Ordering::Less | Ordering::Equal)),
                Op::Ge => matches!(compare(v, lit), Some(Ordering::Greater | Ordering::Equal)),
            }
        }
    }
}

#[cfg(test)]
mod tests;
