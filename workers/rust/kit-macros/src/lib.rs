//! The `#[worker]` attribute of `wasm-workers-kit`, and `#[handler]`, its other name
//! (use them through that crate).

use proc_macro::TokenStream;
use quote::quote;
use syn::spanned::Spanned;
use syn::{parse_macro_input, AttributeArgs, ItemFn, Meta, NestedMeta};

/// Turns a handler function into the worker's `main`.
///
/// Arguments: none, `params`, `cache`, or both in any order. The handler always takes
/// `(request, [params], [cache])` in that order and returns
/// `anyhow::Result<http::Response<B>>` for any body `B: Into<Content>` (`Content`,
/// `String`, `Vec<u8>`, ...). See the `wasm-workers-kit` docs.
#[proc_macro_attribute]
pub fn worker(attr: TokenStream, item: TokenStream) -> TokenStream {
    expand("worker", attr, item)
}

/// The same attribute as [`macro@worker`], under the name the wws tutorial uses
/// (`#[handler]`).
#[proc_macro_attribute]
pub fn handler(attr: TokenStream, item: TokenStream) -> TokenStream {
    expand("handler", attr, item)
}

/// Expands `#[worker]` or `#[handler]`; `attribute` is the name used, for the messages.
fn expand(attribute: &str, attr: TokenStream, item: TokenStream) -> TokenStream {
    let func = parse_macro_input!(item as ItemFn);
    let args = parse_macro_input!(attr as AttributeArgs);

    let mut with_params = false;
    let mut with_cache = false;
    for arg in &args {
        let flag = match arg {
            NestedMeta::Meta(Meta::Path(path)) if path.is_ident("params") => &mut with_params,
            NestedMeta::Meta(Meta::Path(path)) if path.is_ident("cache") => &mut with_cache,
            other => {
                return error(&func, other.span(), "expected `params` and/or `cache`");
            }
        };
        if *flag {
            return error(&func, arg.span(), "this argument is given twice");
        }
        *flag = true;
    }

    let sig = &func.sig;
    if sig.asyncness.is_some() {
        return error(&func, sig.span(), "a worker handler cannot be async");
    }
    if sig.ident == "main" {
        let message = format!("the handler cannot be called `main`: #[{}] generates `main`", attribute);
        return error(&func, sig.ident.span(), &message);
    }
    let expected = 1 + usize::from(with_params) + usize::from(with_cache);
    if sig.inputs.len() != expected {
        let shape = match (with_params, with_cache) {
            (false, false) => "(req: Request<String>)",
            (true, false) => "(req: Request<String>, params: &Params)",
            (false, true) => "(req: Request<String>, cache: &mut Cache)",
            (true, true) => "(req: Request<String>, params: &Params, cache: &mut Cache)",
        };
        return error(
            &func,
            sig.inputs.span(),
            &format!("with these #[{}] arguments the handler must take {}", attribute, shape),
        );
    }

    let name = &sig.ident;
    let call = match (with_params, with_cache) {
        (false, false) => quote! { #name(__wwk_request) },
        (true, false) => quote! { #name(__wwk_request, __wwk_params) },
        (false, true) => quote! { #name(__wwk_request, __wwk_cache) },
        (true, true) => quote! { #name(__wwk_request, __wwk_params, __wwk_cache) },
    };

    let expanded = quote! {
        #func

        fn main() {
            ::wasm_workers_kit::run(
                |__wwk_request: ::wasm_workers_kit::http::Request<::std::string::String>,
                 __wwk_params: &::wasm_workers_kit::Params,
                 __wwk_cache: &mut ::wasm_workers_kit::Cache| {
                    let _ = (&__wwk_params, &__wwk_cache);
                    #call
                },
            )
        }
    };
    expanded.into()
}

/// Reports `message` and keeps the handler plus an empty `main`, so that the compiler
/// shows only this error (not "`main` function not found" or unused-item noise).
fn error(func: &ItemFn, span: proc_macro2::Span, message: &str) -> TokenStream {
    let error = syn::Error::new(span, message).to_compile_error();
    let main = if func.sig.ident == "main" { quote! {} } else { quote! { fn main() {} } };
    let expanded = quote! {
        #error
        #[allow(dead_code)]
        #func
        #main
    };
    expanded.into()
}
