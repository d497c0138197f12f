//! Who may use the workbench: whoever holds the token of the address it opened.
//!
//! The browser's first request carries the token in the address (`/?t=…`); the answer keeps it
//! in a cookie only this site's pages send (`SameSite=Strict`, `HttpOnly`) and takes it out of
//! the address. A request that changes anything must also carry it in a header, which a page
//! of another site cannot set without the workbench's consent (it never gives it), and come
//! from the workbench's own origin. The Host must be the loopback address, so a name another
//! site points at 127.0.0.1 (DNS rebinding) does not get in either.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::Workbench;

/// The header the page's scripts send the token in.
pub const TOKEN_HEADER: &str = "x-dossier-token";

/// 32 random bytes, as hex.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    // Without the system's random numbers there is no safe token: better not to start.
    getrandom::fill(&mut bytes).expect("the system's random number generator is available");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Equal in time independent of where they differ.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The cookie's name: its own for each workbench, so that two open at once (on two ports of
/// the same host, which share cookies) do not overwrite each other's.
fn cookie_name(token: &str) -> String {
    format!("dossier-{}", &token[..8])
}

fn cookie_token<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| pair.trim().strip_prefix(name)?.strip_prefix('='))
}

fn query_token(query: Option<&str>) -> Option<&str> {
    query?.split('&').find_map(|pair| pair.strip_prefix("t="))
}

/// Whether the Host header names this server on the loopback address.
fn loopback_host(headers: &HeaderMap) -> bool {
    let Some(host) = headers.get(header::HOST).and_then(|h| h.to_str().ok()) else { return false };
    let name = host.rsplit_once(':').map_or(host, |(name, _)| name);
    matches!(name, "127.0.0.1" | "localhost")
}

pub async fn check(State(workbench): State<Arc<Workbench>>, request: Request, next: Next) -> Response {
    let token = workbench.token();
    let headers = request.headers();
    if !loopback_host(headers) {
        return refuse(StatusCode::FORBIDDEN, "只接受本机地址 127.0.0.1 上的访问");
    }
    let reads = matches!(*request.method(), Method::GET | Method::HEAD);
    let header = headers.get(TOKEN_HEADER).and_then(|h| h.to_str().ok());
    let cookie = cookie_token(headers, &cookie_name(token));
    let query = query_token(request.uri().query());
    if reads && let Some(given) = query {
        if !same(given, token) {
            return refuse(StatusCode::FORBIDDEN, "地址中的口令不对：请使用 dossier serve 打开的地址");
        }
        // Into the cookie, out of the address (so it is not in the history or a copied link).
        let path = request.uri().path().to_owned();
        return (
            StatusCode::SEE_OTHER,
            [
                (header::LOCATION, path),
                (header::SET_COOKIE, format!("{}={token}; Path=/; HttpOnly; SameSite=Strict", cookie_name(token))),
            ],
        )
            .into_response();
    }
    let allowed = if reads {
        header.or(cookie).is_some_and(|t| same(t, token))
    } else {
        let origin = headers.get(header::ORIGIN).and_then(|o| o.to_str().ok());
        let own = origin.is_none_or(|o| o.strip_prefix("http://").is_some_and(|h| matches_host(h, headers)));
        own && header.is_some_and(|t| same(t, token))
    };
    if !allowed {
        return refuse(StatusCode::FORBIDDEN, "没有口令，拒绝访问：请使用 dossier serve 打开的地址（其中带有口令）");
    }
    next.run(request).await
}

fn matches_host(origin_host: &str, headers: &HeaderMap) -> bool {
    headers.get(header::HOST).and_then(|h| h.to_str().ok()) == Some(origin_host)
}

/// A refusal the browser shows as a page.
pub fn refuse(status: StatusCode, message: &str) -> Response {
    let page = format!(
        "<!doctype html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>dossier 工作台</title><p>{}</p></html>",
        super::pages::escape(message)
    );
    (status, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], page).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_compared_whole() {
        let (a, b) = (new_token(), new_token());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert!(same(&a, &a.clone()) && !same(&a, &b) && !same(&a, &a[..63]));
    }

    #[test]
    fn the_token_is_found_in_cookie_and_query() {
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, "a=1; dossier-0123abcd=abc; b=2".parse().unwrap());
        assert_eq!(cookie_token(&headers, &cookie_name("0123abcdef")), Some("abc"));
        assert_eq!(query_token(Some("x=1&t=abc")), Some("abc"));
        headers.insert(header::HOST, "127.0.0.1:8080".parse().unwrap());
        assert!(loopback_host(&headers));
        headers.insert(header::HOST, "evil.example:8080".parse().unwrap());
        assert!(!loopback_host(&headers));
    }
}
