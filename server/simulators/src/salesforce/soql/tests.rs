use super::*;
use serde_json::json;

fn p(path: &str) -> Vec<String> {
    path.split('.').map(str::to_string).collect()
}

#[test]
fn a_full_query_parses() {
    let q = parse(
        "select Id, Name, Product2.Name, (SELECT Id FROM OrderItems) from Order \
         WHERE AccountId = '001x' AND (Status IN ('Draft', 'Activated') OR Attempt_Count__c >= 2) \
         ORDER BY CreatedDate DESC, Name LIMIT 10 OFFSET 5",
    )
    .unwrap();
    assert_eq!(q.object, "Order");
    let Select::Fields(f) = &q.select else {
        panic!("fields")
    };
    assert_eq!(f[2], Field::Path(p("Product2.Name")));
    assert!(matches!(&f[3], Field::Children(sub) if sub.object == "OrderItems"));
    assert_eq!(q.order, vec![(p("CreatedDate"), true), (p("Name"), false)]);
    assert_eq!((q.limit, q.offset), (Some(10), Some(5)));
    assert_eq!(
        parse("SELECT COUNT() FROM Case").unwrap().select,
        Select::Count
    );
}

#[test]
fn anything_outside_the_subset_is_malformed() {
    for q in [
        "SELECT FROM Account",
        "SELECT Id FROM",
        "SELECT Id FROM Account WHERE",
        "SELECT Id FROM Account WHERE Name = 'x' GROUP BY Name",
        "SELECT Id FROM Account WHERE Name = 'unterminated",
        "SELECT Id FROM Account WHERE Name == 'x'",
        "SELECT Id FROM Account LIMIT -1",
        "SELECT Id FROM Account; DELETE",
        "SELECT A.B.C FROM Account",
        "SELECT Id FROM Account WHERE Name = 'x\\q'",
    ] {
        let e = parse(q).err().unwrap_or_else(|| panic!("accepted: {q}"));
        assert_eq!(e.code, "MALFORMED_QUERY", "{q}");
    }
}

#[test]
fn an_escaped_quote_stays_inside_the_literal() {
    // What a client must send for a customer number like `' OR Id != '`.
    let q = parse(r"SELECT Id FROM Account WHERE AccountNumber = '\' OR Id != \''").unwrap();
    assert_eq!(
        q.filter,
        Some(Expr::Compare(
            p("AccountNumber"),
            Op::Eq,
            Literal::Str("' OR Id != '".into())
        ))
    );
    // Unescaped, the same input widens the query to every account.
    assert!(
        parse("SELECT Id FROM Account WHERE AccountNumber = '' OR Id != ''")
            .is_ok_and(|q| matches!(q.filter, Some(Expr::Or(..))))
    );
}

#[test]
fn filters_match_records_case_insensitively() {
    let rec = json!({"Id": "001", "Name": "Tanaka Shoji", "Attempt_Count__c": 2,
                     "IsClosed": false, "Parent": null, "Product2": {"Name": "SIM 10GB"}});
    let yes = |q: &str| matches(&parse(q).unwrap().filter.unwrap(), &rec);
    assert!(yes("SELECT Id FROM X WHERE name = 'Tanaka Shoji'"));
    assert!(yes("SELECT Id FROM X WHERE Name LIKE 'tanaka%'"));
    assert!(yes("SELECT Id FROM X WHERE Name LIKE '%_hoji'"));
    assert!(!yes("SELECT Id FROM X WHERE Name LIKE 'Tanaka'"));
    assert!(yes(
        "SELECT Id FROM X WHERE Attempt_Count__c >= 2 AND IsClosed = false"
    ));
    assert!(!yes("SELECT Id FROM X WHERE Attempt_Count__c > 2"));
    assert!(yes("SELECT Id FROM X WHERE Id IN ('002', '001')"));
    assert!(yes("SELECT Id FROM X WHERE Id NOT IN ('002')"));
    assert!(yes(
        "SELECT Id FROM X WHERE Parent = null AND Missing__c = null"
    ));
    assert!(yes("SELECT Id FROM X WHERE Product2.Name = 'SIM 10GB'"));
    assert!(yes(
        "SELECT Id FROM X WHERE Name = 'nobody' OR (Id = '001' AND IsClosed != true)"
    ));
    assert!(!yes("SELECT Id FROM X WHERE Name = 'nobody' OR Id = '002'"));
}

#[test]
fn like_escapes_are_literal() {
    assert!(like("100%", "100\\%"));
    assert!(!like("1000", "100\\%"));
    assert!(like("a_b", "a\\_b"));
    assert!(!like("axb", "a\\_b"));
}

#[test]
fn dates_compare_as_text() {
    let rec = json!({"EffectiveDate": "2026-01-20"});
    let f = parse("SELECT Id FROM Order WHERE EffectiveDate >= 2026-01-01").unwrap();
    assert!(matches(&f.filter.unwrap(), &rec));
}
