//! The command as a person meets it at a terminal.

mod common;

use common::*;
use std::process::Command;

#[test]
fn no_arguments_at_a_terminal_print_the_help_instead_of_waiting() {
    // `script` gives the command a terminal for its standard input, as a person's shell does.
    let output = Command::new("timeout")
        .args(["10", "script", "-qec", bin(), "/dev/null"])
        .stdin(std::process::Stdio::null())
        .output()
        .expect("script (util-linux) runs");
    let text = String::from_utf8_lossy(&output.stdout);
    // At a terminal clap colours the help: look for its words around the escape codes.
    assert!(
        text.contains("Usage:") && text.contains("[COMMAND]"),
        "{text}"
    );
    assert_eq!(output.status.code(), Some(2), "{text}");
}

#[test]
fn every_command_says_what_it_does_and_serve_which_editions() {
    let help = String::from_utf8_lossy(&run(&["--help"]).stdout).into_owned();
    for command in [
        "build",
        "check",
        "import",
        "serve",
        "search-size",
        "i18n",
        "supports",
    ] {
        let line = help
            .lines()
            .find(|l| l.trim_start().starts_with(command))
            .unwrap_or_else(|| panic!("{command} missing:\n{help}"));
        assert!(line.split_whitespace().count() > 3, "{line}");
    }
    let serve = String::from_utf8_lossy(&run(&["serve", "--help"]).stdout).into_owned();
    assert!(serve.contains("all of them by default"), "{serve}");
}
