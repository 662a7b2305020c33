; Inno Setup 6 script for ipdesk: a per-machine install of the PyInstaller bundle.
;
; Built by installers/windows/build.ps1, which passes the version and the bundle folder:
;   ISCC.exe /DAppVersion=0.1.0 /DSourceDir=..\..\dist\ipdesk /DOutputDir=..\..\dist installers\windows\ipdesk.iss
;
; What it installs: the bundle under Program Files\ipdesk (with THIRD_PARTY_NOTICES.txt, which the page
; before the installation shows); Start-menu entries for the app, the kiosk and the licences;
; an optional desktop shortcut; an optional kiosk start at logon for every user. What it never does:
; put data under Program Files. The data folder is per user (%LOCALAPPDATA%\ipdesk, platformdirs); the
; uninstaller keeps it unless the person says so, or /PURGEDATA is given on its command line.

#ifndef AppVersion
  #error Pass the version: ISCC /DAppVersion=x.y.z (build.ps1 reads it from pyproject.toml)
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\ipdesk"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif
; The third-party licences (tools/third_party_notices.py, run by the spec): shown before the installation
; and installed beside the program with the rest of the bundle.
#define Notices AddBackslash(SourceDir) + "THIRD_PARTY_NOTICES.txt"
#if !FileExists(Notices)
  #error THIRD_PARTY_NOTICES.txt is not in the bundle: build it with installers\ipdesk.spec (build.ps1)
#endif
#define AppName "ipdesk"
#define GuiExe "ipdesk-gui.exe"
#define CliExe "ipdesk.exe"
; Chinese Simplified ships with recent Inno Setup releases; older ones get English only, with a warning.
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
  #define HaveChinese
#else
  #pragma message "WARNING: Languages\ChineseSimplified.isl not found in this Inno Setup: the installer will be English only"
#endif

[Setup]
AppId={{F01F30FA-FB33-429A-ABC8-493B64549670}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=ipdesk project
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#OutputDir}
OutputBaseFilename=ipdesk-{#AppVersion}-windows-x64-setup
SetupIconFile=..\..\resources\icons\ipdesk.ico
UninstallDisplayIcon={app}\{#GuiExe}
UninstallDisplayName={#AppName} {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
ShowLanguageDialog=auto
; UTF-8 with a byte-order mark, so every Windows code page shows it right
InfoBeforeFile={#Notices}

[Languages]
#ifdef HaveChinese
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
english.AppTitle=ipdesk - offline IP information desk
english.KioskTitle=ipdesk kiosk
english.DesktopIcon=Create a desktop shortcut
english.KioskAutostart=Start the kiosk when anyone logs on to this computer (unattended kiosks only)
english.Shortcuts=Shortcuts:
english.AskDeleteData=Also delete your ipdesk data folder?%n%n%1%n%nIt holds your service record, saved searches, report archive and downloaded data updates. Choose No to keep them for a later installation.
english.LaunchApp=Start ipdesk now
english.NoticesTitle=ipdesk open-source licences
#ifdef HaveChinese
chinesesimplified.AppTitle=ipdesk 知识产权信息台
chinesesimplified.KioskTitle=ipdesk 自助终端
chinesesimplified.DesktopIcon=创建桌面快捷方式
chinesesimplified.KioskAutostart=任何用户登录本机时启动自助终端（仅用于无人值守的自助终端）
chinesesimplified.Shortcuts=快捷方式：
chinesesimplified.AskDeleteData=同时删除您的 ipdesk 数据文件夹吗？%n%n%1%n%n其中有服务台账、已存检索、报告存档和已下载的数据更新。选择“否”可保留，供以后重新安装时使用。
chinesesimplified.LaunchApp=现在启动 ipdesk
chinesesimplified.NoticesTitle=ipdesk 开源软件与许可
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"; GroupDescription: "{cm:Shortcuts}"
Name: "kioskautostart"; Description: "{cm:KioskAutostart}"; GroupDescription: "{cm:Shortcuts}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the whole bundle, so no module of an older version lingers beside the new ones.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{cm:AppTitle}"; Filename: "{app}\{#GuiExe}"; WorkingDir: "{app}"; IconFilename: "{app}\{#GuiExe}"
; The kiosk runs under its supervisor, which restarts a crashed or frozen shell (docs/kiosk.md)
Name: "{autoprograms}\{cm:KioskTitle}"; Filename: "{app}\{#GuiExe}"; Parameters: "kiosk supervise"; WorkingDir: "{app}"; IconFilename: "{app}\{#GuiExe}"
Name: "{autoprograms}\{cm:NoticesTitle}"; Filename: "{app}\THIRD_PARTY_NOTICES.txt"
Name: "{autodesktop}\{cm:AppTitle}"; Filename: "{app}\{#GuiExe}"; WorkingDir: "{app}"; Tasks: desktopicon
Name: "{commonstartup}\{cm:KioskTitle}"; Filename: "{app}\{#GuiExe}"; Parameters: "kiosk supervise"; WorkingDir: "{app}"; Tasks: kioskautostart

[Run]
; As the person who ran Setup, not the elevated account: the first start creates *their* data folder.
Filename: "{app}\{#GuiExe}"; Description: "{cm:LaunchApp}"; Flags: nowait postinstall skipifsilent runasoriginaluser

[UninstallDelete]
; Only the program folder: Python may leave caches there. The data folder is handled in [Code] below.
Type: filesandordirs; Name: "{app}\_internal"

[Code]
function DataFolder(): String;
begin
  { platformdirs' user_data_dir("ipdesk", appauthor=False) on Windows }
  Result := ExpandConstant('{localappdata}\ipdesk');
end;

function PurgeRequested(): Boolean;
var
  I: Integer;
begin
  Result := False;
  for I := 1 to ParamCount do
    if CompareText(ParamStr(I), '/PURGEDATA') = 0 then
      Result := True;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Purge: Boolean;
begin
  if CurUninstallStep <> usPostUninstall then
    Exit;
  if not DirExists(DataFolder()) then
    Exit;
  Purge := PurgeRequested();
  { A silent uninstall never deletes data unless /PURGEDATA says so; the default answer is No. }
  if (not Purge) and (not UninstallSilent()) then
    Purge := MsgBox(FmtMessage(CustomMessage('AskDeleteData'), [DataFolder()]),
                    mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES;
  if Purge then
    DelTree(DataFolder(), True, True, True);
end;
