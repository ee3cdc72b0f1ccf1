; 落实's Windows installer, made with makensis offline (Tauri's own NSIS bundler downloads a plugin
; at bundle time, which the office's build machine cannot). Built by .ci/windows:
;   makensis -DVERSION=0.1.0 -DBIN_DIR=<folder with the three files> -DOUT_FILE=<setup.exe> installer.nsi
; Per user, without administrator rights: program files under %LOCALAPPDATA%\Programs\落实; the data
; folder (%APPDATA%\cn.luoshi.desktop) is the app's own and the uninstaller leaves it in place.

; A 64-bit installer for the 64-bit app (and one Wine's 64-bit build runs in the tests).
Target amd64-unicode
ManifestDPIAware true
RequestExecutionLevel user
!ifndef COMPRESSOR
  !define COMPRESSOR lzma  ; .ci/windows --test passes zlib: seconds instead of minutes
!endif
SetCompressor /SOLID ${COMPRESSOR}
!if ${COMPRESSOR} == lzma
  ; The window and the CLI carry the same 51 MB of print fonts, about 80 MB apart in the solid
  ; stream: a dictionary that reaches back that far stores them once.
  SetCompressorDictSize 128
!endif

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"

!define PRODUCT "落实"
!define PUBLISHER "落实开发组"
!define IDENTIFIER "cn.luoshi.desktop"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${IDENTIFIER}"
; WebView2 Runtime's client id (the same for the Evergreen runtime on every Windows version).
!define WEBVIEW2_CLIENT "{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"

Name "${PRODUCT}"
OutFile "${OUT_FILE}"
InstallDir "$LOCALAPPDATA\Programs\${PRODUCT}"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "${PRODUCT} ${VERSION}"

; The installer's own file properties (Explorer → 属性 → 详细信息).
VIProductVersion "${VERSION}.0"
VIFileVersion "${VERSION}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=2052 "FileDescription" "${PRODUCT} 安装程序：交办事项督查督办与工作总结"
VIAddVersionKey /LANG=2052 "LegalCopyright" "MIT 许可"

!define MUI_ICON "..\..\icons\icon.ico"
!define MUI_UNICON "..\..\icons\icon.ico"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\luoshi.exe"
!define MUI_FINISHPAGE_RUN_TEXT "启动${PRODUCT}"
!define MUI_UNCONFIRMPAGE_TEXT_TOP "将删除${PRODUCT}的程序文件和快捷方式。$\r$\n您的数据（交办事项、总结、备份）保存在 $APPDATA\${IDENTIFIER}，卸载后仍然保留；重新安装后可继续使用。"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

Function .onInit
  SetShellVarContext current
  ; The window needs Microsoft Edge WebView2 Runtime (part of Windows 11 and of an updated Windows 10).
  ReadRegStr $0 HKLM "SOFTWARE\WOW6432Node\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_CLIENT}" "pv"
  ${If} $0 == ""
    ReadRegStr $0 HKCU "Software\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_CLIENT}" "pv"
  ${EndIf}
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    IfSilent +2
    MessageBox MB_ICONINFORMATION|MB_OK "这台电脑还没有安装 Microsoft Edge WebView2 运行时，${PRODUCT}的窗口需要它。$\r$\n安装会继续；启动前请让信息管理员安装“WebView2 Runtime”（微软提供的免费组件，Windows 11 已自带）。"
  ${EndIf}
FunctionEnd

Section "${PRODUCT}" SecMain
  SetOutPath "$INSTDIR"
  File "${BIN_DIR}\luoshi.exe"
  File "${BIN_DIR}\luoshi-cli.exe"
  File "${BIN_DIR}\WebView2Loader.dll"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortCut "$SMPROGRAMS\${PRODUCT}.lnk" "$INSTDIR\luoshi.exe" "" "$INSTDIR\luoshi.exe" 0
  CreateShortCut "$DESKTOP\${PRODUCT}.lnk" "$INSTDIR\luoshi.exe" "" "$INSTDIR\luoshi.exe" 0

  ; 设置 → 应用 lists it with its version, publisher and size, and removes it from there.
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\luoshi.exe"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" $0
SectionEnd

Function un.onInit
  SetShellVarContext current
FunctionEnd

Section "Uninstall"
  Delete "$INSTDIR\luoshi.exe"
  Delete "$INSTDIR\luoshi-cli.exe"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${PRODUCT}.lnk"
  Delete "$DESKTOP\${PRODUCT}.lnk"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  ; The data folder is deliberately left: it holds the office's ledger and its backups.
  DetailPrint "数据文件夹 $APPDATA\${IDENTIFIER} 已保留。"
SectionEnd
