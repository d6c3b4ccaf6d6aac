//! A page render looks the session up once, however many server functions it runs (the SIM
//! page runs five). Alone in its test binary: the lookup counter is process-wide.
#![allow(clippy::unwrap_used)]

mod common;
use server::store::sessions::LOOKUPS;
use std::sync::atomic::Ordering;

#[tokio::test]
async fn the_sim_page_looks_the_session_up_once() {
    let p = common::portal().await;
    let c = p.login("demo@example.com").await;
    let page = |path: &'static str| {
        let (c, url) = (c.clone(), format!("{}{path}", p.url));
        async move {
            let r = c.get(url).send().await.unwrap();
            assert_eq!(r.status(), 200, "{path}");
            let html = r.text().await.unwrap();
            assert!(html.contains("</html>"));
            html
        }
    };
    page("/subscriptions/2001/sim").await; // warm the cache: lookups only count below
    let before = LOOKUPS.load(Ordering::SeqCst);
    let html = page("/subscriptions/2001/sim").await;
    assert!(html.contains("08077052946") || html.contains("080-7705-2946"));
    assert_eq!(LOOKUPS.load(Ordering::SeqCst) - before, 1);

    // Each server-function call is its own request, with its own single lookup.
    let before = LOOKUPS.load(Ordering::SeqCst);
    for f in ["get_sim_overview", "get_sim_usage"] {
        let r = c
            .post(format!("{}/api/fn/{f}", p.url))
            .form(&[("id", "2001")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
    }
    assert_eq!(LOOKUPS.load(Ordering::SeqCst) - before, 2);
}
