//! Build script: for a Windows target, embeds the application icon (`assets/virkplan.ico`),
//! the version information (from Cargo.toml) and the application manifest (long paths) in
//! `virkplan.exe`, compiled by MinGW's `windres` (`scripts/build-windows.sh`). For every other
//! target it does nothing.
#![allow(clippy::expect_used)] // a failing build script is a failed build, never a user's crash

use std::env;
use std::path::PathBuf;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=assets/virkplan.ico");
    println!("cargo:rerun-if-env-changed=WINDRES");
    if env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    if env::var("CARGO_CFG_TARGET_ENV").as_deref() != Ok("gnu") {
        // MSVC has its own resource compiler (rc.exe); nobody builds that target here.
        println!("cargo:warning=no icon or version information: only the gnu target has windres");
        return;
    }
    let manifest_dir = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let out_dir = PathBuf::from(env::var_os("OUT_DIR").expect("set by cargo"));
    let rc = out_dir.join("virkplan.rc");
    let object = out_dir.join("virkplan-resource.o");
    std::fs::write(&rc, resource_script(&manifest_dir, &out_dir)).expect("write virkplan.rc");
    std::fs::write(out_dir.join("virkplan.exe.manifest"), MANIFEST).expect("write the manifest");

    let windres = env::var("WINDRES").unwrap_or_else(|_| "x86_64-w64-mingw32-windres".into());
    // The script is UTF-8 (the description has ø); windres reads ANSI unless told.
    let status = Command::new(&windres)
        .args([
            "--codepage=65001",
            "--input-format=rc",
            "--output-format=coff",
            "--input",
        ])
        .arg(&rc)
        .arg("--output")
        .arg(&object)
        .status()
        .unwrap_or_else(|e| panic!("cannot run {windres} (mingw-w64's windres): {e}"));
    assert!(status.success(), "{windres} failed on {}", rc.display());
    // Only the editor's binary gets the icon (not virkplan-stress).
    println!("cargo:rustc-link-arg-bin=virkplan={}", object.display());
}

/// The resource script: icon 1 (Explorer shows the first icon of an exe) and VERSIONINFO in
/// Danish (language 0x0406, Unicode code page 1200).
fn resource_script(manifest_dir: &std::path::Path, out_dir: &std::path::Path) -> String {
    let version = env::var("CARGO_PKG_VERSION").expect("set by cargo");
    let mut numbers: Vec<u16> = version
        .split(['.', '-', '+'])
        .take(3)
        .map(|n| n.parse().unwrap_or(0))
        .collect();
    numbers.resize(4, 0);
    let binary = numbers
        .iter()
        .map(u16::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let description = env::var("CARGO_PKG_DESCRIPTION").expect("set by cargo");
    let icon = manifest_dir.join("assets").join("virkplan.ico");
    let icon = icon.to_string_lossy().replace('\\', "/");
    let manifest = out_dir.join("virkplan.exe.manifest");
    let manifest = manifest.to_string_lossy().replace('\\', "/");
    let text = |s: &str| s.replace('"', "\"\"");
    format!(
        r#"#pragma code_page(65001)
1 ICON "{icon}"
1 24 "{manifest}"
1 VERSIONINFO
FILEVERSION {binary}
PRODUCTVERSION {binary}
FILEOS 0x40004
FILETYPE 0x1
BEGIN
  BLOCK "StringFileInfo"
  BEGIN
    BLOCK "040604B0"
    BEGIN
      VALUE "CompanyName", "virkplan"
      VALUE "FileDescription", "{description}"
      VALUE "FileVersion", "{version}"
      VALUE "InternalName", "virkplan"
      VALUE "LegalCopyright", "MIT-licens"
      VALUE "OriginalFilename", "virkplan.exe"
      VALUE "ProductName", "virkplan"
      VALUE "ProductVersion", "{version}"
    END
  END
  BLOCK "VarFileInfo"
  BEGIN
    VALUE "Translation", 0x0406, 1200
  END
END
"#,
        icon = text(&icon),
        manifest = text(&manifest),
        description = text(&description),
        version = text(&version),
    )
}

/// The application manifest (resource type 24, id 1). `longPathAware` lets the program open
/// paths over 260 characters (OneDrive and ESDH folders get deep) where Windows allows it
/// (Windows 10 1607 and later with long paths enabled, the default on managed machines that
/// need them); the rest is what MinGW's default manifest says, which this one replaces (ld
/// lets a program's own manifest override `default-manifest.o`): run as the user who started
/// it, on Windows 7 to 11.
const MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<assembly xmlns="urn:schemas-microsoft-com:asm.v1" manifestVersion="1.0">
  <trustInfo xmlns="urn:schemas-microsoft-com:asm.v3">
    <security>
      <requestedPrivileges>
        <requestedExecutionLevel level="asInvoker" uiAccess="false"/>
      </requestedPrivileges>
    </security>
  </trustInfo>
  <compatibility xmlns="urn:schemas-microsoft-com:compatibility.v1">
    <application>
      <supportedOS Id="{8e0f7a12-bfb3-4fe8-b9a5-48fd50a15a9a}"/>
      <supportedOS Id="{1f676c76-80e1-4239-95bb-83d0f6d0da78}"/>
      <supportedOS Id="{4a2f28e3-53b9-4441-ba9c-d69d4a4a6e38}"/>
      <supportedOS Id="{35138b9a-5d96-4fbd-8e2d-a2440225f93a}"/>
    </application>
  </compatibility>
  <application xmlns="urn:schemas-microsoft-com:asm.v3">
    <windowsSettings xmlns:ws2="http://schemas.microsoft.com/SMI/2016/WindowsSettings">
      <ws2:longPathAware>true</ws2:longPathAware>
    </windowsSettings>
  </application>
</assembly>
"#;
