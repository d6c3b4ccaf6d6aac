use super::*;
use serde_json::json;

fn obj(v: Value) -> Map<String, Value> {
    v.as_object().cloned().unwrap_or_default()
}

fn org() -> (Records, String) {
    let mut r = Records::default();
    let acct = r
        .insert(
            "Account",
            obj(json!({"Name": "Tanaka", "AccountNumber": "C-1001"})),
        )
        .unwrap_or_default();
    r.insert(
        "Account",
        obj(json!({"Name": "Sato", "AccountNumber": "C-1002"})),
    );
    for (subject, status) in [("No signal", "New"), ("Billing", "Closed"), ("eSIM", "New")] {
        r.insert(
            "Case",
            obj(json!({"Subject": subject, "Status": status, "AccountId": acct})),
        );
    }
    (r, acct)
}

fn run(r: &Records, q: &str) -> Result<QueryResult, SoqlError> {
    r.query(&soql::parse(q)?)
}

#[test]
fn ids_are_18_characters_with_the_objects_prefix() {
    let (r, acct) = org();
    assert_eq!(acct.len(), 18);
    assert!(acct.starts_with("001"));
    assert!(r.get("Account", &acct).is_some());
}

#[test]
fn filters_order_limit_and_parent_fields() {
    let (r, _) = org();
    let Ok(QueryResult::Records(rows)) = run(
        &r,
        "SELECT Subject, Account.Name FROM Case WHERE Status = 'New' ORDER BY Subject DESC LIMIT 5",
    ) else {
        panic!("records")
    };
    assert_eq!(rows.len(), 2);
    assert_eq!(
        rows[0]["Subject"], "No signal",
        "case-insensitive, descending"
    );
    assert_eq!(rows[1]["Subject"], "eSIM");
    assert_eq!(rows[0]["Account"]["Name"], "Tanaka");
    assert_eq!(rows[0]["attributes"]["type"], "Case");
    assert!(rows[0].get("Status").is_none(), "only selected fields");
    let Ok(QueryResult::Records(rows)) = run(&r, "SELECT description FROM Case LIMIT 1") else {
        panic!("records")
    };
    assert_eq!(
        rows[0]["Description"],
        Value::Null,
        "a field without a value reads null"
    );
    assert_eq!(
        run(
            &r,
            "SELECT COUNT() FROM Case WHERE Account.AccountNumber = 'C-1001'"
        ),
        Ok(QueryResult::Count(3))
    );
    assert_eq!(
        run(
            &r,
            "SELECT COUNT() FROM Account WHERE AccountNumber = '\\' OR Id != \\''"
        ),
        Ok(QueryResult::Count(0)),
        "an escaped quote never widens a query"
    );
}

#[test]
fn unknown_fields_and_objects_are_refused() {
    let (r, _) = org();
    let e = run(&r, "SELECT Nope__c FROM Account").err().unwrap();
    assert_eq!(e.code, "INVALID_FIELD");
    let e = run(&r, "SELECT Id FROM Widget").err().unwrap();
    assert_eq!(e.code, "INVALID_TYPE");
}

#[test]
fn child_subqueries_list_each_parents_children() {
    let mut r = Records::default();
    let case = r
        .insert("Case", obj(json!({"Subject": "x"})))
        .unwrap_or_default();
    r.insert("Case", obj(json!({"Subject": "y"})));
    r.insert(
        "CaseComment",
        obj(json!({"ParentId": case, "CommentBody": "hello"})),
    );
    let Ok(QueryResult::Records(rows)) = run(
        &r,
        "SELECT Subject, (SELECT CommentBody FROM CaseComments) FROM Case ORDER BY Subject",
    ) else {
        panic!("records")
    };
    assert_eq!(
        rows[0]["CaseComments"]["records"][0]["CommentBody"],
        "hello"
    );
    assert_eq!(rows[1]["CaseComments"], Value::Null);
}
