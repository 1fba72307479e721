//! docs/keys.md ends with a reference of every default binding, generated from the
//! keymap and the actions' doc lines. This test fails when the two differ (a key
//! or an action changed without the docs); `DABIR_BLESS=1 cargo test --test
//! keys_doc` rewrites the reference.

use dabir::ui::keymap::{Context, Keymap};

const START: &str = "<!-- keys:generated -->";
const END: &str = "<!-- keys:end -->";

fn reference() -> String {
    let keymap = Keymap::default_keymap();
    let mut out = String::new();
    out.push_str(START);
    out.push_str(
        "\n_Generated from keymaps/default.toml and the actions' doc lines by \
         tests/keys_doc.rs; do not edit by hand._\n",
    );
    for context in &Context::ALL {
        let rows = keymap.bindings_only(*context);
        if rows.is_empty() {
            continue;
        }
        out.push_str(&format!(
            "\n### `[{}]`\n| keys | action | does |\n|---|---|---|\n",
            context.name()
        ));
        for (action, keys) in rows {
            let keys: Vec<String> = keys
                .iter()
                .map(|k| format!("`{}`", k.replace('|', "\\|")))
                .collect();
            out.push_str(&format!(
                "| {} | `{}` | {} |\n",
                keys.join(" "),
                action.name(),
                action.doc().replace('|', "\\|")
            ));
        }
    }
    out.push_str(END);
    out
}

#[test]
fn the_key_reference_in_the_docs_matches_the_keymap() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/keys.md");
    let doc = std::fs::read_to_string(path).unwrap();
    let want = reference();
    let (Some(a), Some(b)) = (doc.find(START), doc.find(END)) else {
        panic!("docs/keys.md has no {START} … {END} block");
    };
    let have = &doc[a..b + END.len()];
    if have != want {
        if std::env::var_os("DABIR_BLESS").is_some() {
            let new = format!("{}{want}{}", &doc[..a], &doc[b + END.len()..]);
            std::fs::write(path, new).unwrap();
            return;
        }
        panic!(
            "docs/keys.md's reference differs from the keymap; run \
             DABIR_BLESS=1 cargo test --test keys_doc and review the diff"
        );
    }
}
