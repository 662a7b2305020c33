<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../ipdesk/ui/about.py" line="108"/>
        <source>关于 ipdesk</source>
        <translation>About ipdesk</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/about.py" line="119"/>
        <source>ipdesk 知识产权信息台</source>
        <translation>ipdesk IP information desk</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/about.py" line="134"/>
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/about.py" line="136"/>
        <source>数据文件夹</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/about.py" line="136"/>
        <location filename="../../ipdesk/ui/about.py" line="138"/>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/about.py" line="136"/>
        <source>打开数据文件夹</source>
        <translation>Open the data folder</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/about.py" line="138"/>
        <source>日志文件夹</source>
        <translation>Logs folder</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/about.py" line="138"/>
        <source>打开日志文件夹</source>
        <translation>Open the logs folder</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/about.py" line="143"/>
        <source>（本次运行没有日志文件）</source>
        <translation>(this run has no log file)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/about.py" line="148"/>
        <source>本次运行的日志</source>
        <translation>This run&apos;s log</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/about.py" line="149"/>
        <source>正在读取……</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/about.py" line="153"/>
        <source>数据截至</source>
        <translation>Data as of</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/about.py" line="158"/>
        <source>每个数据集的来源写在上面“数据截至”中它的日期下，与“数据与同步”页相同；专利和商标通过数据更新或本机导入获得。查询和核查结果仅供参考，以官方公告为准。ipdesk 是开源软件（MIT 许可）。</source>
        <translation>Each dataset&apos;s source is given above under its date in &quot;Data as of&quot;, as on the Data &amp; sync page; patents and trademarks arrive by data update or local import. Search and check results are for reference only: the official announcements prevail. ipdesk is open-source software (MIT licence).</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/about.py" line="157"/>
        <source>数据来源与许可</source>
        <translation>Data sources and licence</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/about.py" line="162"/>
        <source>遇到问题时：记下出错的时间和当时在做什么，按“日志文件夹”旁的“打开”，把最新的日志文件（文件名中有日期和时间）连同说明发给为您安装 ipdesk 的技术人员或上级服务中心。</source>
        <translation>When something goes wrong: note the time and what you were doing, click &quot;Open&quot; beside the logs folder, and send the newest log file (its name has the date and time) with your note to the technician who installed ipdesk or to your supervising service centre.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/about.py" line="161"/>
        <source>如何获得帮助</source>
        <translation>How to get help</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/about.py" line="169"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/about.py" line="191"/>
        <source>开源软件与许可</source>
        <translation>Open-source software and licences</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/about.py" line="192"/>
        <source>ipdesk 使用 Qt/PySide6（LGPL 3.0）等开源软件，各按其许可使用；您可以换用自己编译的 Qt 库。每个组件的版本和许可全文见下面的按钮。</source>
        <translation>ipdesk uses open-source software such as Qt/PySide6 (LGPL 3.0), each under its own licence; you may replace the Qt libraries with your own build. Each component&apos;s version and full licence text: the button below.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/about.py" line="195"/>
        <source>开源软件与许可…</source>
        <translation>Open-source software and licences…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/about.py" line="197"/>
        <source>查看开源软件与许可</source>
        <translation>Show the open-source software and licences</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/about.py" line="256"/>
        <source>没有数据。</source>
        <translation>No data.</translation>
    </message>
</context>
<context>
    <name>BackupPanel</name>
    <message>
        <location filename="../../ipdesk/ui/backup_panel.py" line="57"/>
        <location filename="../../ipdesk/ui/backup_panel.py" line="61"/>
        <source>本机记录备份</source>
        <translation>Back up local records</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/backup_panel.py" line="68"/>
        <source>上次备份时间</source>
        <translation>Time of the last backup</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/backup_panel.py" line="71"/>
        <source>备份到文件…</source>
        <translation>Back up to a file…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/backup_panel.py" line="72"/>
        <source>把本机记录备份到文件</source>
        <translation>Back up the local records to a file</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/backup_panel.py" line="74"/>
        <source>从备份恢复…</source>
        <translation>Restore from a backup…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/backup_panel.py" line="75"/>
        <source>从备份文件恢复本机记录</source>
        <translation>Restore the local records from a backup file</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/backup_panel.py" line="83"/>
        <source>备份与恢复的结果</source>
        <translation>Result of the backup or restore</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/backup_panel.py" line="103"/>
        <location filename="../../ipdesk/ui/backup_panel.py" line="269"/>
        <source>正在备份…</source>
        <translation>Backing up…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/backup_panel.py" line="103"/>
        <location filename="../../ipdesk/ui/backup_panel.py" line="296"/>
        <source>正在检查备份文件…</source>
        <translation>Checking the backup file…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/backup_panel.py" line="104"/>
        <location filename="../../ipdesk/ui/backup_panel.py" line="318"/>
        <source>正在恢复…</source>
        <translation>Restoring…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/backup_panel.py" line="110"/>
        <source>上次备份：%1</source>
        <translation>Last backup: %1</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/backup_panel.py" line="111"/>
        <source>上次备份：从未备份</source>
        <translation>Last backup: never</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ipdesk/ui/backup_panel.py" line="128"/>
        <source>服务台账 %1 条</source>
        <translation>
            <numerusform>%1 service-record entry</numerusform>
            <numerusform>%1 service-record entries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ipdesk/ui/backup_panel.py" line="129"/>
        <source>报告存档 %1 条</source>
        <translation>
            <numerusform>%1 archived report</numerusform>
            <numerusform>%1 archived reports</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ipdesk/ui/backup_panel.py" line="130"/>
        <source>报告文件 %1 个</source>
        <translation>
            <numerusform>%1 report file</numerusform>
            <numerusform>%1 report files</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/backup_panel.py" line="63"/>
        <source>服务台账、报告存档、已保存的检索和作为本机数据导入的记录只保存在这台电脑上。请定期备份到 U 盘等其他地方；换电脑时从备份恢复。</source>
        <translation>The service record, the report archive, saved searches and records imported as local data are kept only on this computer. Back them up regularly to somewhere else, such as a USB stick; on a new computer, restore from the backup.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ipdesk/ui/backup_panel.py" line="131"/>
        <source>已保存的检索 %1 条</source>
        <translation>
            <numerusform>%1 saved search</numerusform>
            <numerusform>%1 saved searches</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ipdesk/ui/backup_panel.py" line="132"/>
        <source>本机专利 %1 件</source>
        <translation>
            <numerusform>%1 local patent</numerusform>
            <numerusform>%1 local patents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ipdesk/ui/backup_panel.py" line="133"/>
        <source>本机商标 %1 件</source>
        <translation>
            <numerusform>%1 local trademark</numerusform>
            <numerusform>%1 local trademarks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ipdesk/ui/backup_panel.py" line="134"/>
        <source>本机地理标志 %1 个</source>
        <translation>
            <numerusform>%1 local GI</numerusform>
            <numerusform>%1 local GIs</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/backup_panel.py" line="143"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ipdesk/ui/backup_panel.py" line="148"/>
        <source>备份中有 %1 条本机记录与数据更新中的记录编号相同，没有恢复，保留了数据更新中的版本（此后的数据更新会继续更正它们）。</source>
        <translation>
            <numerusform>%1 local record in the backup has the same number as a record from a data update and was not restored: the data update&apos;s version was kept (later data updates keep correcting it).</numerusform>
            <numerusform>%1 local records in the backup have the same number as a record from a data update and were not restored: the data update&apos;s versions were kept (later data updates keep correcting them).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ipdesk/ui/backup_panel.py" line="150"/>
        <source>备份中有 %1 条本机记录与数据更新中的记录编号相同，不会恢复，将保留数据更新中的版本（此后的数据更新会继续更正它们）。</source>
        <translation>
            <numerusform>%1 local record in the backup has the same number as a record from a data update and will not be restored: the data update&apos;s version is kept (later data updates keep correcting it).</numerusform>
            <numerusform>%1 local records in the backup have the same number as a record from a data update and will not be restored: the data update&apos;s versions are kept (later data updates keep correcting them).</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/backup_panel.py" line="152"/>
        <source>如确要以本机的版本为准，请在“导入文件”中勾选“作为本机数据导入”，把员工的原文件重新导入。</source>
        <translation> If the local version should really win, import the staff&apos;s file again under &quot;Import files&quot; with &quot;Import as local data&quot; ticked.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ipdesk/ui/backup_panel.py" line="157"/>
        <source>备份之后在本机删除的 %n 条服务台账记录已再次删除（连同其存档报告），没有恢复。</source>
        <translation>
            <numerusform>%n service-record entry deleted on this computer since the backup was made was deleted again (with its archived reports), not restored.</numerusform>
            <numerusform>%n service-record entries deleted on this computer since the backup was made were deleted again (with their archived reports), not restored.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ipdesk/ui/backup_panel.py" line="164"/>
        <source>%n 年</source>
        <translation>
            <numerusform>%n year</numerusform>
            <numerusform>%n years</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ipdesk/ui/backup_panel.py" line="173"/>
        <source>其中 %n 条服务台账记录早于这台电脑上设置的保留期限（%1，即 %2 之前），已在本机删除（连同其存档报告）。</source>
        <translation>
            <numerusform>Of these, %n service-record entry was older than the retention period set on this computer (%1: from before %2) and was deleted on this computer (with its archived reports).</numerusform>
            <numerusform>Of these, %n service-record entries were older than the retention period set on this computer (%1: from before %2) and were deleted on this computer (with their archived reports).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ipdesk/ui/backup_panel.py" line="176"/>
        <source>本机现有恢复来的记录 %n 条。</source>
        <translation>
            <numerusform>%n restored entry is kept here.</numerusform>
            <numerusform>%n restored entries are kept here.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ipdesk/ui/backup_panel.py" line="177"/>
        <source>备份文件本身没有改动，仍含有这 %n 条记录。</source>
        <translation>
            <numerusform>The backup file itself is unchanged and still holds that entry.</numerusform>
            <numerusform>The backup file itself is unchanged and still holds those %n entries.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ipdesk/ui/backup_panel.py" line="184"/>
        <source>恢复前，本机原有的 %n 条服务台账记录早于保留期限（%1），已删除（连同其存档报告），安全副本中也没有它们。</source>
        <translation>
            <numerusform>Before the restore, %n service-record entry already on this computer was older than the retention period (%1) and was deleted (with its archived reports); the safety copy does not hold it either.</numerusform>
            <numerusform>Before the restore, %n service-record entries already on this computer were older than the retention period (%1) and were deleted (with their archived reports); the safety copy does not hold them either.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/backup_panel.py" line="191"/>
        <source>本机导入记录：新增 %1，更新 %2。</source>
        <translation>Records imported as local: %1 added, %2 updated.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/backup_panel.py" line="192"/>
        <source>本机导入记录将按编号合并：新增 %1，更新 %2。</source>
        <translation>Records imported as local will be merged by their numbers: %1 to add, %2 to update.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/backup_panel.py" line="204"/>
        <location filename="../../ipdesk/ui/backup_panel.py" line="209"/>
        <source>备份到文件</source>
        <translation>Back up to a file</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/backup_panel.py" line="204"/>
        <source>ipdesk 备份 (*.zip)</source>
        <translation>ipdesk backups (*.zip)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/backup_panel.py" line="210"/>
        <source>%1 已存在。要用新的备份替换它吗？替换后，原来的那份备份就没有了。</source>
        <translation>%1 already exists. Replace it with the new backup? The earlier backup in it will then be gone.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/backup_panel.py" line="215"/>
        <source>选择备份文件</source>
        <translation>Choose the backup file</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/backup_panel.py" line="216"/>
        <source>ipdesk 备份 (*.zip);;所有文件 (*)</source>
        <translation>ipdesk backups (*.zip);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/backup_panel.py" line="220"/>
        <source>从备份恢复</source>
        <translation>Restore from a backup</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/backup_panel.py" line="228"/>
        <source>备份制作于 %1，包含：%2。</source>
        <translation>The backup was made on %1 and holds: %2.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/backup_panel.py" line="230"/>
        <source>这台电脑上现有的 %1 将被备份中的内容替换。恢复前会先把现有的服务台账另存为安全副本；报告文件只会添加，不会删除。</source>
        <translation>What this computer holds now (%1) will be replaced by the backup&apos;s contents. The current service record is first kept as a safety copy; report files are only added, never deleted.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/backup_panel.py" line="234"/>
        <source>现在恢复吗？</source>
        <translation>Restore now?</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/backup_panel.py" line="241"/>
        <source>这台电脑设置的保留期限为 %1：本机早于 %2 的服务台账记录会在恢复前删除（安全副本中也不保留），备份中早于该日的记录恢复后也会在本机删除；备份文件本身不会改动。</source>
        <translation>The retention period set on this computer is %1: this computer&apos;s service-record entries from before %2 are deleted before the restore (the safety copy does not keep them either), and the backup&apos;s entries from before that day are deleted on this computer after it; the backup file itself is not changed.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/backup_panel.py" line="254"/>
        <source>没有备份：已有的文件保持不变。</source>
        <translation>No backup made: the existing file was left as it was.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/backup_panel.py" line="277"/>
        <source>已备份到 %1：%2。请把这个文件保存在另一处（如 U 盘）。</source>
        <translation>Backed up to %1: %2. Keep this file somewhere else (a USB stick).</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/backup_panel.py" line="305"/>
        <source>已取消恢复，没有更改任何内容。</source>
        <translation>Restore cancelled; nothing was changed.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/backup_panel.py" line="328"/>
        <source>已从备份恢复：%1。</source>
        <translation>Restored from the backup: %1.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ipdesk/ui/backup_panel.py" line="330"/>
        <source>其中 %n 个报告文件本机原已有、内容相同，未改动。</source>
        <translation>
            <numerusform>Of these, %n report file was already here, the same, and was left as it was.</numerusform>
            <numerusform>Of these, %n report files were already here, the same, and were left as they were.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/backup_panel.py" line="336"/>
        <source>恢复前的服务台账已另存为安全副本：%1</source>
        <translation>The service record from before was kept as a safety copy: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ipdesk/ui/backup_panel.py" line="338"/>
        <source>%n 个不同的同名报告文件已改名保留。</source>
        <translation>
            <numerusform>%n different report file with the same name was kept under a new name.</numerusform>
            <numerusform>%n different report files with the same name were kept under new names.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ipdesk/ui/backup_panel.py" line="340"/>
        <source>备份中有 %n 个不是报告（.pdf、.docx、.xlsx）的文件位于报告文件夹下，没有恢复。</source>
        <translation>
            <numerusform>%n file under reports in the backup is not a report (.pdf, .docx, .xlsx) and was not restored.</numerusform>
            <numerusform>%n files under reports in the backup are not a report (.pdf, .docx, .xlsx) and were not restored.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/backup_panel.py" line="358"/>
        <source>备份或恢复时出错：%1</source>
        <translation>The backup or restore failed: %1</translation>
    </message>
</context>
<context>
    <name>CrashReporter</name>
    <message>
        <location filename="../../ipdesk/ui/crash.py" line="83"/>
        <source>ipdesk 无法启动：发生了意外错误。未能写入日志文件，请把下面“详细信息”中的内容复制下来发给技术人员。</source>
        <translation>ipdesk could not start: an unexpected error occurred. No log file could be written: copy what &quot;Show Details&quot; below shows and send it to a technician.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/crash.py" line="85"/>
        <source>ipdesk 无法启动：发生了意外错误，详细信息已记录到日志文件：
%1

请再启动一次；如仍无法启动，请把这个日志文件发给技术人员。</source>
        <translation>ipdesk could not start: an unexpected error occurred. The details were written to the log file:
%1

Start it once more; if it still does not start, send this log file to a technician.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/crash.py" line="89"/>
        <source>发生了意外错误。未能写入日志文件，请把下面“详细信息”中的内容复制下来发给技术人员。可以继续使用，如反复出现请重新启动 ipdesk。</source>
        <translation>An unexpected error occurred. It could not be written to a log file: copy what &quot;Show Details&quot; below shows and send it to a technician. You can carry on; if it keeps happening, restart ipdesk.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/crash.py" line="91"/>
        <source>发生了意外错误，详细信息已记录到日志文件：
%1

可以继续使用，如反复出现请重新启动 ipdesk。需要帮助时，请把这个日志文件发给技术人员（F1“关于与帮助”中也有日志文件夹）。</source>
        <translation>An unexpected error occurred. The details are in the log file:
%1

You can carry on; if it keeps happening, restart ipdesk. To get help, send this log file to a technician (the logs folder is also under F1, &quot;About and help&quot;).</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/crash.py" line="99"/>
        <source>ipdesk 出错了</source>
        <translation>ipdesk ran into an error</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/crash.py" line="105"/>
        <source>打开日志文件夹</source>
        <translation>Open the logs folder</translation>
    </message>
</context>
<context>
    <name>DataPage</name>
    <message>
        <location filename="../../ipdesk/ui/data_page.py" line="209"/>
        <source>数据更新与导入</source>
        <translation>Data updates and import</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/data_page.py" line="214"/>
        <source>数据更新</source>
        <translation>Data updates</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/data_page.py" line="215"/>
        <source>导入文件</source>
        <translation>Import files</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/data_page.py" line="175"/>
        <source>本机数据</source>
        <translation>Data on this computer</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/data_page.py" line="179"/>
        <source>注意：数据文件夹 %1 在网络驱动器上。同一时间只能有一台计算机使用这个数据文件夹，否则数据库可能损坏；放在本机的文件夹中更快也更安全（见使用手册“常见的提示”）。</source>
        <translation>Note: the data folder %1 is on a network drive. Only one computer at a time may use this data folder, otherwise the database can be damaged; a folder on this computer is faster and safer (see &quot;Messages you may see&quot; in the user guide).</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/data_page.py" line="185"/>
        <source>数据文件夹在网络驱动器上</source>
        <translation>Data folder on a network drive</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/data_page.py" line="191"/>
        <source>数据集列表</source>
        <translation>Datasets</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/data_page.py" line="204"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/data_page.py" line="205"/>
        <source>刷新数据集列表</source>
        <translation>Refresh the dataset list</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/data_page.py" line="216"/>
        <source>备份与恢复</source>
        <translation>Backup and restore</translation>
    </message>
</context>
<context>
    <name>DatasetsModel</name>
    <message>
        <location filename="../../ipdesk/ui/data_page.py" line="42"/>
        <source>数据集</source>
        <translation>Dataset</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/data_page.py" line="42"/>
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/data_page.py" line="42"/>
        <source>数据截至</source>
        <translation>Data as of</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/data_page.py" line="42"/>
        <source>来源方式</source>
        <translation>Origin</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/data_page.py" line="43"/>
        <source>记录数</source>
        <translation>Records</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/data_page.py" line="43"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/data_page.py" line="43"/>
        <source>版次</source>
        <translation>Edition</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/data_page.py" line="53"/>
        <source>行政区划</source>
        <translation>Administrative divisions</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/data_page.py" line="53"/>
        <source>地理标志</source>
        <translation>Geographical indications</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/data_page.py" line="53"/>
        <source>分类表</source>
        <translation>Classifications</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/data_page.py" line="54"/>
        <source>专利</source>
        <translation>Patents</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/data_page.py" line="54"/>
        <source>商标</source>
        <translation>Trademarks</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/data_page.py" line="55"/>
        <source>本机导入的专利</source>
        <translation>Patents (local import)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/data_page.py" line="55"/>
        <source>本机导入的商标</source>
        <translation>Trademarks (local import)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/data_page.py" line="56"/>
        <source>本机导入的地理标志</source>
        <translation>GIs (local import)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/data_page.py" line="60"/>
        <source>内置</source>
        <translation>Built-in</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/data_page.py" line="60"/>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/data_page.py" line="60"/>
        <source>同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/data_page.py" line="60"/>
        <source>本机导入</source>
        <translation>Local import</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/data_page.py" line="68"/>
        <source>这里没有记录；本机导入的 %1 条见“%2”</source>
        <translation>No records here; %1 imported locally, under &apos;%2&apos;</translation>
    </message>
</context>
<context>
    <name>DetailPage</name>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="380"/>
        <source>← 返回</source>
        <translation>← Back</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="381"/>
        <source>返回上一页</source>
        <translation>Back to the previous page</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="403"/>
        <source>正在读取…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="407"/>
        <source>找不到这条记录（可能已被数据更新删除）。</source>
        <translation>This record was not found (a data update may have removed it).</translation>
    </message>
</context>
<context>
    <name>DetailView</name>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="126"/>
        <source>加入报告</source>
        <translation>Add to report</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="130"/>
        <source>按地方查看</source>
        <translation>View by place</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="131"/>
        <source>在“按地方”中查看此地</source>
        <translation>Show this place in &quot;By place&quot;</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="166"/>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="187"/>
        <source>单击或按回车打开</source>
        <translation>Click or press Enter to open</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="190"/>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="206"/>
        <location filename="../../ipdesk/ui/detail_views.py" line="318"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="208"/>
        <source>数据截至</source>
        <translation>Data as of</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="216"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="218"/>
        <location filename="../../ipdesk/ui/detail_views.py" line="316"/>
        <source>英文名称</source>
        <translation>English name</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="219"/>
        <source>产品类别</source>
        <translation>Product category</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="220"/>
        <source>持有人/申请人</source>
        <translation>Holder / applicant</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="222"/>
        <source>公告号/注册号/登记证书号</source>
        <translation>Announcement / registration / certificate no.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="223"/>
        <source>登记日期</source>
        <translation>Registered on</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="224"/>
        <source>保护范围（原文）</source>
        <translation>Protected area (official wording)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="225"/>
        <source>标准</source>
        <translation>Standard</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="226"/>
        <location filename="../../ipdesk/ui/detail_views.py" line="280"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="228"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="231"/>
        <source>保护地域范围</source>
        <translation>Protected area</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="231"/>
        <source>保护地域范围中的行政区划</source>
        <translation>Divisions in the protected area</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="234"/>
        <source>公开号</source>
        <translation>Publication no.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="235"/>
        <source>申请号</source>
        <translation>Application no.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="236"/>
        <source>专利类型</source>
        <translation>Patent type</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="237"/>
        <source>申请人</source>
        <translation>Applicants</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="238"/>
        <source>发明人</source>
        <translation>Inventors</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="239"/>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="241"/>
        <source>外观设计分类（洛迦诺）</source>
        <translation>Locarno class (design)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="243"/>
        <source>国际专利分类</source>
        <translation>IPC</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="244"/>
        <location filename="../../ipdesk/ui/detail_views.py" line="281"/>
        <source>申请日</source>
        <translation>Filed on</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="245"/>
        <source>公开日</source>
        <translation>Published on</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="246"/>
        <source>授权日</source>
        <translation>Granted on</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="249"/>
        <source>法律状态</source>
        <translation>Legal status</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="249"/>
        <source>不明（数据中没有法律状态）</source>
        <translation>Not known (the data gives no legal status)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="255"/>
        <source>状态存疑：%1，以国家知识产权局登记为准</source>
        <translation>Status in doubt: %1; CNIPA&apos;s register decides</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="257"/>
        <source>已失效（这件专利本身不再限制使用）</source>
        <translation>Expired or lapsed (this patent itself no longer restricts use)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="259"/>
        <source>法律状态不明（按未失效对待，以国家知识产权局登记为准）</source>
        <translation>Legal status not known (treated as not expired; CNIPA&apos;s register decides)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="266"/>
        <source>原届满日 %1</source>
        <translation>(original expiry %1)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="266"/>
        <source>届满日 %1</source>
        <translation>(expiry %1)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="267"/>
        <source>是否已失效</source>
        <translation>Expired?</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="261"/>
        <source>未失效</source>
        <translation>Not expired</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="125"/>
        <source>加入报告(&amp;A)</source>
        <translation>&amp;Add to report</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="269"/>
        <source>摘要</source>
        <translation>Abstract</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="273"/>
        <source>注册号</source>
        <translation>Registration no.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="274"/>
        <source>商标种类</source>
        <translation>Mark type</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="275"/>
        <source>尼斯类别</source>
        <translation>Nice class</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="276"/>
        <source>类似群</source>
        <translation>Similar groups</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="277"/>
        <source>指定商品/服务</source>
        <translation>Goods / services</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="278"/>
        <source>注册人</source>
        <translation>Owner</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="279"/>
        <source>注册人地址</source>
        <translation>Owner address</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="282"/>
        <source>注册日</source>
        <translation>Registered on</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="283"/>
        <source>专用权期限至</source>
        <translation>Protected until</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="283"/>
        <source>（已过期）</source>
        <translation> (expired)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="287"/>
        <source>续展</source>
        <translation>Renewal</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="301"/>
        <source>期满前十二个月内可以办理续展（%1 起）；期满后还有六个月宽展期，至 %2。（《商标法》第四十条）</source>
        <translation>Can be renewed in the twelve months before the term ends (from %1); after the term a six-month grace period runs until %2. (Trademark Law, Art. 40)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="304"/>
        <source>期限已满，但仍在六个月宽展期内：宽展期至 %1，在此之前仍可办理续展。（《商标法》第四十条）</source>
        <translation>The term has ended, but the six-month grace period runs until %1: until then the mark can still be renewed. (Trademark Law, Art. 40)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="307"/>
        <source>宽展期已于 %1 届满。期满未办理续展的注册商标予以注销；除非已经续展，这里显示的状态（%2）可能已过时，请以国家知识产权局商标局的最新公告为准。（《商标法》第四十条）</source>
        <translation>The grace period ended on %1. A registration not renewed by then is cancelled: unless it was renewed, the status shown here (%2) may be out of date; go by the latest announcements of CNIPA&apos;s Trademark Office. (Trademark Law, Art. 40)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="313"/>
        <source>分类体系</source>
        <translation>Scheme</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="314"/>
        <source>编号</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="315"/>
        <source>中文名称</source>
        <translation>Chinese title</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="317"/>
        <source>上级</source>
        <translation>Parents</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="322"/>
        <source>下级</source>
        <translation>Children</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="322"/>
        <source>下级分类</source>
        <translation>Child classes</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="326"/>
        <source>级别</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="327"/>
        <source>区划代码</source>
        <translation>Division code</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="328"/>
        <source>所属</source>
        <translation>Part of</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="330"/>
        <source>曾用名</source>
        <translation>Former names</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="332"/>
        <source>上级行政区划</source>
        <translation>Parent divisions</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="334"/>
        <source>%1（%2；%3：%4）</source>
        <translation>%1 (%2; %3: %4)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="338"/>
        <source>此地的地理标志</source>
        <translation>GIs of this place</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="340"/>
        <source>此地的商标和专利</source>
        <translation>Trademarks and patents of this place</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="342"/>
        <source>下级行政区划</source>
        <translation>Divisions below</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="362"/>
        <source>已加入报告</source>
        <translation>Added to the report</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/detail_views.py" line="362"/>
        <location filename="../../ipdesk/ui/detail_views.py" line="368"/>
        <source>报告中已有此记录</source>
        <translation>Already in the report</translation>
    </message>
</context>
<context>
    <name>LicencesDialog</name>
    <message>
        <location filename="../../ipdesk/ui/licences.py" line="44"/>
        <source>开源软件与许可</source>
        <translation>Open-source software and licences</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/licences.py" line="47"/>
        <source>ipdesk 是开源软件（MIT 许可）。它使用下列第三方软件和数据，各按其许可使用。选中一项即可看到它的许可全文。Qt 和 PySide6 按 GNU LGPL 3.0 使用：它们是安装文件夹中单独的库文件，您可以换用自己编译的同版本库。全部许可也在安装文件夹的 THIRD_PARTY_NOTICES.txt 中。</source>
        <translation>ipdesk is open-source software (MIT licence). It runs with the third-party software and data below, each under its own licence. Select one to see its full licence text. Qt and PySide6 are used under the GNU LGPL 3.0: they are separate library files in the installation folder, and you may replace them with your own build of the same version. All the licences are also in THIRD_PARTY_NOTICES.txt in the installation folder.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/licences.py" line="53"/>
        <source>正在读取……</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/licences.py" line="61"/>
        <source>组件</source>
        <translation>Component</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/licences.py" line="61"/>
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/licences.py" line="61"/>
        <source>许可</source>
        <translation>Licence</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/licences.py" line="61"/>
        <source>用途</source>
        <translation>What it does</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/licences.py" line="62"/>
        <source>第三方组件</source>
        <translation>Third-party components</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/licences.py" line="75"/>
        <source>许可全文</source>
        <translation>Full licence text</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/licences.py" line="87"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ipdesk/ui/licences.py" line="111"/>
        <source>共 %n 项</source>
        <translation>
            <numerusform>%n component</numerusform>
            <numerusform>%n components</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/licences.py" line="134"/>
        <source>无法读取许可信息：</source>
        <translation>The licence information could not be read: </translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/licences.py" line="151"/>
        <source>许可：</source>
        <translation>Licence: </translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/licences.py" line="153"/>
        <source>在 ipdesk 中的用途：</source>
        <translation>What it does in ipdesk: </translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/licences.py" line="155"/>
        <source>主页：</source>
        <translation>Home page: </translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/licences.py" line="158"/>
        <source>（没有找到许可全文，请见项目主页）</source>
        <translation>(no licence text found: see the project&apos;s page)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ipdesk/ui/main_window.py" line="148"/>
        <source>ipdesk 知识产权信息台</source>
        <translation>ipdesk IP information desk</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/main_window.py" line="153"/>
        <source>导航</source>
        <translation>Navigation</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/main_window.py" line="164"/>
        <source>关于与帮助</source>
        <translation>About and help</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/main_window.py" line="166"/>
        <source>版本、数据文件夹、日志和求助方法（F1）</source>
        <translation>Version, data folder, logs and how to get help (F1)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/main_window.py" line="169"/>
        <source>使用手册</source>
        <translation>User guide</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/main_window.py" line="171"/>
        <source>怎样使用 ipdesk：查找、三个向导、报告、备份和数据更新（Shift+F1）</source>
        <translation>How to use ipdesk: searching, the three wizards, reports, backups and data updates (Shift+F1)</translation>
    </message>
</context>
<context>
    <name>NameDialog</name>
    <message>
        <location filename="../../ipdesk/ui/saved_searches.py" line="96"/>
        <source>检索名称</source>
        <translation>Name of the search</translation>
    </message>
</context>
<context>
    <name>PageFailed</name>
    <message>
        <location filename="../../ipdesk/ui/pages.py" line="87"/>
        <source>“%1”页面无法打开，原因已记入日志。</source>
        <translation>The &quot;%1&quot; page could not be opened; the reason is in the log.</translation>
    </message>
</context>
<context>
    <name>PlacePage</name>
    <message>
        <location filename="../../ipdesk/ui/place_page.py" line="63"/>
        <source>输入乡镇、区县名称或拼音，如 五常镇、wuchang</source>
        <translation>Type a township or county name or its pinyin, e.g. wuchang</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/place_page.py" line="64"/>
        <source>查找地方</source>
        <translation>Find a place</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/place_page.py" line="69"/>
        <source>匹配的地方</source>
        <translation>Matching places</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/place_page.py" line="75"/>
        <source>逐级选择：</source>
        <translation>Choose step by step:</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/place_page.py" line="82"/>
        <source>请选择一个乡镇（或区县）。</source>
        <translation>Choose a township (or county).</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/place_page.py" line="90"/>
        <source>加入报告(&amp;A)</source>
        <translation>&amp;Add to report</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/place_page.py" line="91"/>
        <source>把此地加入报告</source>
        <translation>Add this place to the report</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/place_page.py" line="101"/>
        <source>覆盖此地的地理标志</source>
        <translation>GIs covering it</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/place_page.py" line="102"/>
        <source>此地的商标和专利</source>
        <translation>Trademarks &amp;&amp; patents</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/place_page.py" line="103"/>
        <source>相邻乡镇（同一区县）</source>
        <translation>Neighbours (same county)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/place_page.py" line="174"/>
        <source>没有找到这个地方。试试拼音，或少输几个字。</source>
        <translation>No such place found. Try pinyin, or fewer characters.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/place_page.py" line="208"/>
        <source>正在读取…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/place_page.py" line="220"/>
        <source>找不到这个地方。</source>
        <translation>This place was not found.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/place_page.py" line="229"/>
        <source>%1：覆盖此地的地理标志 %2 项，辖区内另有 %3 项；商标和专利 %4 条。</source>
        <translation>%1: GIs covering this place: %2; more inside it: %3; trademarks and patents: %4.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/place_page.py" line="234"/>
        <source>%1 [%2]，%3：%4</source>
        <translation>%1 [%2], %3: %4</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/place_page.py" line="242"/>
        <source>（文中提到此地，地址未编码）</source>
        <translation>(its text names this place; no address code)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/place_page.py" line="245"/>
        <source>（尚无：商标和专利数据通过导入或同步获得）</source>
        <translation>(none yet: trademarks and patents arrive by import or sync)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/place_page.py" line="247"/>
        <source>（没有覆盖此地的地理标志）</source>
        <translation>(no GI covers this place)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/place_page.py" line="273"/>
        <location filename="../../ipdesk/ui/place_page.py" line="274"/>
        <source>已加入报告。</source>
        <translation>Added to the report.</translation>
    </message>
</context>
<context>
    <name>RegionPicker</name>
    <message>
        <location filename="../../ipdesk/ui/region_picker.py" line="54"/>
        <source>省</source>
        <translation>Province</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/region_picker.py" line="54"/>
        <source>地市</source>
        <translation>Prefecture</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/region_picker.py" line="54"/>
        <source>区县</source>
        <translation>County</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/region_picker.py" line="54"/>
        <source>乡镇</source>
        <translation>Township</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/region_picker.py" line="55"/>
        <source>（全部省份）</source>
        <translation>(all provinces)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/region_picker.py" line="55"/>
        <source>（全部地市）</source>
        <translation>(all prefectures)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/region_picker.py" line="55"/>
        <source>（全部区县）</source>
        <translation>(all counties)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/region_picker.py" line="55"/>
        <source>（全部乡镇）</source>
        <translation>(all townships)</translation>
    </message>
</context>
<context>
    <name>ResultsModel</name>
    <message>
        <location filename="../../ipdesk/ui/results_model.py" line="146"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/results_model.py" line="148"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/results_model.py" line="148"/>
        <location filename="../../ipdesk/ui/results_model.py" line="165"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/results_model.py" line="149"/>
        <source>登记日期</source>
        <translation>Registered on</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/results_model.py" line="149"/>
        <location filename="../../ipdesk/ui/results_model.py" line="157"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/results_model.py" line="151"/>
        <source>专利名称</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/results_model.py" line="151"/>
        <source>公开号 · 申请人</source>
        <translation>Publication no. · applicant</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/results_model.py" line="152"/>
        <source>主分类号</source>
        <translation>Main IPC</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/results_model.py" line="152"/>
        <source>公开日</source>
        <translation>Published on</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/results_model.py" line="153"/>
        <source>法律状态</source>
        <translation>Legal status</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/results_model.py" line="155"/>
        <source>商标</source>
        <translation>Mark</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/results_model.py" line="155"/>
        <source>注册号 · 注册人</source>
        <translation>Registration no. · owner</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/results_model.py" line="156"/>
        <source>尼斯类别</source>
        <translation>Nice class</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/results_model.py" line="156"/>
        <source>注册日期</source>
        <translation>Registered on</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/results_model.py" line="159"/>
        <source>所属</source>
        <translation>Part of</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/results_model.py" line="160"/>
        <source>级别</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/results_model.py" line="161"/>
        <source>区划代码</source>
        <translation>Division code</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/results_model.py" line="163"/>
        <source>编号</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/results_model.py" line="163"/>
        <source>体系</source>
        <translation>Scheme</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/results_model.py" line="167"/>
        <source>说明</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/results_model.py" line="168"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/results_model.py" line="168"/>
        <source>匹配</source>
        <translation>Matched</translation>
    </message>
</context>
<context>
    <name>SaveDialog</name>
    <message>
        <location filename="../../ipdesk/ui/save_dialog.py" line="39"/>
        <source>文件名“%1”含有 Windows 不允许的字符 %2（\ / : * ? &quot; &lt; &gt; | 都不能用）：请换一个名称。</source>
        <translation>The file name &quot;%1&quot; contains %2, which Windows does not allow in a file name (none of \ / : * ? &quot; &lt; &gt; | may be used): choose another name.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/save_dialog.py" line="42"/>
        <source>文件名“%1”含有控制字符，Windows 不允许：请换一个名称。</source>
        <translation>The file name &quot;%1&quot; contains a control character, which Windows does not allow: choose another name.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/save_dialog.py" line="44"/>
        <source>“%1”是 Windows 留给设备的名称（如 CON、NUL、COM1），不能作为文件名：请换一个名称。</source>
        <translation>&quot;%1&quot; is a name Windows keeps for a device (such as CON, NUL or COM1) and cannot name a file: choose another name.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/save_dialog.py" line="46"/>
        <source>文件名“%1”以点或空格结尾，Windows 不允许：请去掉它。</source>
        <translation>The file name &quot;%1&quot; ends in a dot or a space, which Windows does not allow: remove it.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/save_dialog.py" line="48"/>
        <source>文件名“%1”太长（Windows 最多 %2 个字符）：请改短一些。</source>
        <translation>The file name &quot;%1&quot; is too long (Windows allows at most %2 characters): shorten it.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/save_dialog.py" line="51"/>
        <source>请给出文件名。</source>
        <translation>Give a file name.</translation>
    </message>
</context>
<context>
    <name>SavedSearchesPanel</name>
    <message>
        <location filename="../../ipdesk/ui/saved_searches.py" line="129"/>
        <source>已保存的检索</source>
        <translation>Saved searches</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/saved_searches.py" line="140"/>
        <source>已保存的检索列表</source>
        <translation>List of saved searches</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/saved_searches.py" line="141"/>
        <source>回车运行所选的检索，F2 重命名，Delete 删除</source>
        <translation>Enter runs the chosen search, F2 renames it, Delete deletes it</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/saved_searches.py" line="142"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/saved_searches.py" line="142"/>
        <source>查找内容</source>
        <translation>Query</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/saved_searches.py" line="142"/>
        <source>条件</source>
        <translation>Filters</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/saved_searches.py" line="142"/>
        <source>保存时间</source>
        <translation>Saved on</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/saved_searches.py" line="168"/>
        <source>运行(&amp;R)</source>
        <translation>&amp;Run</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/saved_searches.py" line="169"/>
        <source>运行所选的检索</source>
        <translation>Run the chosen saved search</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/saved_searches.py" line="171"/>
        <source>重命名(&amp;M)…</source>
        <translation>Rena&amp;me…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/saved_searches.py" line="172"/>
        <source>重命名所选的检索</source>
        <translation>Rename the chosen saved search</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/saved_searches.py" line="174"/>
        <source>删除(&amp;D)…</source>
        <translation>&amp;Delete…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/saved_searches.py" line="175"/>
        <source>删除所选的检索</source>
        <translation>Delete the chosen saved search</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/saved_searches.py" line="224"/>
        <source>还没有已保存的检索。在搜索框中输入后，点“保存检索…”即可保存。</source>
        <translation>No saved searches yet. Type in the search box, then click &quot;Save search…&quot; to keep it.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/saved_searches.py" line="237"/>
        <source>类型：%1</source>
        <translation>Kinds: %1</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/saved_searches.py" line="237"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/saved_searches.py" line="239"/>
        <source>地区：%1</source>
        <translation>Region: %1</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/saved_searches.py" line="243"/>
        <source>第 %1 类</source>
        <translation>Class %1</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/saved_searches.py" line="245"/>
        <source>类似群 %1</source>
        <translation>Similar group %1</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/saved_searches.py" line="247"/>
        <source>IPC %1</source>
        <translation>IPC %1</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/saved_searches.py" line="249"/>
        <source>年份 %1–%2</source>
        <translation>Years %1–%2</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/saved_searches.py" line="251"/>
        <source>状态：%1</source>
        <translation>Status: %1</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/saved_searches.py" line="253"/>
        <source>按日期排序</source>
        <translation>By date</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/saved_searches.py" line="254"/>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/saved_searches.py" line="318"/>
        <source>运行</source>
        <translation>Run</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/saved_searches.py" line="319"/>
        <source>重命名…</source>
        <translation>Rename…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/saved_searches.py" line="320"/>
        <source>删除…</source>
        <translation>Delete…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/saved_searches.py" line="336"/>
        <source>已运行“%1”。</source>
        <translation>Ran &quot;%1&quot;.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/saved_searches.py" line="337"/>
        <source>注意：%1。</source>
        <translation> Note: %1.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/saved_searches.py" line="343"/>
        <source>保存检索</source>
        <translation>Save search</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/saved_searches.py" line="343"/>
        <source>给这次检索起个名称，以后在“已保存的检索”中点它即可再次运行：</source>
        <translation>Give this search a name; to run it again later, choose it under &quot;Saved searches&quot;:</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/saved_searches.py" line="363"/>
        <source>已保存检索“%1”。</source>
        <translation>Saved the search as &quot;%1&quot;.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/saved_searches.py" line="370"/>
        <source>重命名检索</source>
        <translation>Rename saved search</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/saved_searches.py" line="370"/>
        <source>新的名称：</source>
        <translation>New name:</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/saved_searches.py" line="386"/>
        <source>已把“%1”改名为“%2”。</source>
        <translation>Renamed &quot;%1&quot; to &quot;%2&quot;.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/saved_searches.py" line="404"/>
        <source>已删除“%1”。</source>
        <translation>Deleted &quot;%1&quot;.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/saved_searches.py" line="418"/>
        <source>替换已保存的检索</source>
        <translation>Replace saved search</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/saved_searches.py" line="419"/>
        <source>已有名为“%1”的检索。要用这次的检索替换它吗？</source>
        <translation>A saved search called &quot;%1&quot; exists already. Replace it with this search?</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/saved_searches.py" line="425"/>
        <source>删除已保存的检索</source>
        <translation>Delete saved search</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/saved_searches.py" line="425"/>
        <source>要删除已保存的检索“%1”吗？</source>
        <translation>Delete the saved search &quot;%1&quot;?</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/saved_searches.py" line="444"/>
        <source>处理已保存的检索时出现意外问题，详细信息已写入日志。</source>
        <translation>Something unexpected went wrong with the saved searches; the details are in the log.</translation>
    </message>
</context>
<context>
    <name>SearchPage</name>
    <message>
        <location filename="../../ipdesk/ui/search_page.py" line="263"/>
        <source>把这次查找的结果加入报告</source>
        <translation>Add the results of this search to the report</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/search_page.py" line="612"/>
        <source>已加入报告</source>
        <translation>Added to the report</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/search_page.py" line="612"/>
        <source>这组结果已在报告中</source>
        <translation>These results are already in the report</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/search_page.py" line="228"/>
        <source>输入名称、拼音（如 wuchang、wcdm）、编号或地名</source>
        <translation>Type a name, pinyin (e.g. wuchang, wcdm), a number or a place</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/search_page.py" line="229"/>
        <source>搜索框</source>
        <translation>Search box</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/search_page.py" line="257"/>
        <source>按相关度</source>
        <translation>By relevance</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/search_page.py" line="258"/>
        <source>按日期（新的在前）</source>
        <translation>By date (newest first)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/search_page.py" line="259"/>
        <source>排序</source>
        <translation>Sort order</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/search_page.py" line="235"/>
        <source>显示或隐藏筛选条件</source>
        <translation>Show or hide the filters</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/search_page.py" line="244"/>
        <source>按类型查看</source>
        <translation>Show by kind</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/search_page.py" line="262"/>
        <source>结果加入报告(&amp;A)</source>
        <translation>&amp;Add results to report</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/search_page.py" line="277"/>
        <source>搜索结果</source>
        <translation>Search results</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/search_page.py" line="296"/>
        <source>还有更多结果</source>
        <translation>More results</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/search_page.py" line="350"/>
        <source>筛选条件</source>
        <translation>Filters</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/search_page.py" line="407"/>
        <source>地区</source>
        <translation>Region</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/search_page.py" line="353"/>
        <location filename="../../ipdesk/ui/search_page.py" line="404"/>
        <source>地理标志类型</source>
        <translation>GI type</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/search_page.py" line="354"/>
        <location filename="../../ipdesk/ui/search_page.py" line="359"/>
        <location filename="../../ipdesk/ui/search_page.py" line="388"/>
        <source>（全部）</source>
        <translation>(all)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/search_page.py" line="358"/>
        <location filename="../../ipdesk/ui/search_page.py" line="405"/>
        <source>尼斯类别</source>
        <translation>Nice class</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/search_page.py" line="361"/>
        <source>第 %1 类</source>
        <translation>Class %1</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/search_page.py" line="363"/>
        <source>如 A01G</source>
        <translation>e.g. A01G</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/search_page.py" line="364"/>
        <location filename="../../ipdesk/ui/search_page.py" line="405"/>
        <source>IPC 小类</source>
        <translation>IPC subclass</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/search_page.py" line="371"/>
        <source>起始年份</source>
        <translation>From year</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/search_page.py" line="371"/>
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/search_page.py" line="372"/>
        <source>截止年份</source>
        <translation>To year</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/search_page.py" line="372"/>
        <source>到</source>
        <translation>To</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/search_page.py" line="374"/>
        <source>不限</source>
        <translation>any</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/search_page.py" line="377"/>
        <source>按结果中“日期”一列的年份筛选；“不限”表示不限制。</source>
        <translation>Filters by the year in the results&apos; Date column; &quot;any&quot; means no limit.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/search_page.py" line="408"/>
        <source>年份</source>
        <translation>Years</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/search_page.py" line="387"/>
        <location filename="../../ipdesk/ui/search_page.py" line="406"/>
        <source>法律状态</source>
        <translation>Legal status</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/search_page.py" line="393"/>
        <location filename="../../ipdesk/ui/search_page.py" line="394"/>
        <source>清除筛选</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/search_page.py" line="480"/>
        <location filename="../../ipdesk/ui/search_page.py" line="515"/>
        <source>已保存的检索(&amp;V)</source>
        <translation>Sa&amp;ved</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/search_page.py" line="482"/>
        <location filename="../../ipdesk/ui/search_page.py" line="483"/>
        <source>显示或隐藏已保存的检索</source>
        <translation>Show or hide the saved searches</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/search_page.py" line="485"/>
        <source>保存检索(&amp;S)…</source>
        <translation>&amp;Save search…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/search_page.py" line="486"/>
        <source>把这次检索保存下来，以后再次运行</source>
        <translation>Save this search to run it again later</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/search_page.py" line="514"/>
        <source>已保存的检索 (%1)(&amp;V)</source>
        <translation>Sa&amp;ved (%1)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/search_page.py" line="544"/>
        <source>类型：%1</source>
        <translation>Kinds: %1</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/search_page.py" line="544"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/search_page.py" line="546"/>
        <source>类似群 %1</source>
        <translation>Similar group %1</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/search_page.py" line="563"/>
        <source>窗口中没有这些条件，已略去：%1。</source>
        <translation> The window has no box for these filters, so they were left out: %1.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/search_page.py" line="564"/>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/search_page.py" line="581"/>
        <source>筛选 (%1)(&amp;F)</source>
        <translation>&amp;Filters (%1)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/search_page.py" line="675"/>
        <source>数据库正忙于另一项写入（数据更新或导入），几秒后自动再查…</source>
        <translation>The database is busy with another write (a data update or an import); searching again in a few seconds…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/search_page.py" line="711"/>
        <source>还有更多记录没有列出：这里只列出找到的前 %1 条。请点“筛选”按年份、地区缩小范围，或在上面的标签中只看一种类型。</source>
        <translation>More records were found than are listed: only the first %1 are shown. Click &quot;Filters&quot; to narrow them by year or region, or choose one kind in the tabs above.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/search_page.py" line="566"/>
        <location filename="../../ipdesk/ui/search_page.py" line="600"/>
        <source>正在查找…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/search_page.py" line="626"/>
        <source>找到 %1 条（%2 毫秒）</source>
        <translation>%1 found (%2 ms)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/search_page.py" line="644"/>
        <source>本机还没有%1数据，无法查到这些记录：可在“数据与同步”中更新或导入。</source>
        <translation>No %1 records are on this computer yet, so none can be found: update or import them under &quot;Data &amp; sync&quot;.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/search_page.py" line="648"/>
        <source>· 核对号码：有没有输错一位，是否完整</source>
        <translation>· checking the number: a digit mistyped, or a part missing</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/search_page.py" line="649"/>
        <source>· 可以查的编号：专利申请号或公开号、商标注册号、国际专利分类号（如 A01G 9/00）、行政区划代码</source>
        <translation>· a number of a kind that can be found: a patent application or publication number, a trademark registration number, an IPC code (e.g. A01G 9/00), a division code</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/search_page.py" line="650"/>
        <source>· 本机可能还没有这条记录：可在“数据与同步”中更新或导入</source>
        <translation>· updating or importing under &quot;Data &amp; sync&quot;: the record may not be on this computer yet</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/search_page.py" line="651"/>
        <source>· 也可以用名称、申请人或地名查找</source>
        <translation>· the name, the applicant or the place instead</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/search_page.py" line="654"/>
        <source>· 检查有没有错字；不确定怎么写时，用拼音或首字母，如 wuchang 或 wcdm</source>
        <translation>· checking for a wrong character; when unsure how it is written, pinyin or initials, e.g. wuchang or wcdm</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/search_page.py" line="656"/>
        <source>· 检查拼写；拼音可以连写或分开（wuchang、wu chang），也可以只输首字母（wcdm）</source>
        <translation>· checking the spelling; pinyin may be written together or apart (wuchang, wu chang), or as initials (wcdm)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/search_page.py" line="657"/>
        <source>· 少输几个字母，或直接输入汉字，如“五常”</source>
        <translation>· fewer letters, or Chinese characters, e.g. 五常</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/search_page.py" line="658"/>
        <source>· 英文名称不一定收录，可以改用中文名称或拼音</source>
        <translation>· the Chinese name or pinyin: English names are not always recorded</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/search_page.py" line="670"/>
        <source>查找时出现意外问题，详细信息已写入日志。请换个说法再试。</source>
        <translation>Something unexpected went wrong with this search; the details were written to the log. Try other words.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/search_page.py" line="635"/>
        <source>没有找到结果。可以试试：</source>
        <translation>Nothing found. You could try:</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/search_page.py" line="233"/>
        <location filename="../../ipdesk/ui/search_page.py" line="582"/>
        <source>筛选(&amp;F)</source>
        <translation>&amp;Filters</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/search_page.py" line="653"/>
        <source>· 少输几个字，如只输入“五常”</source>
        <translation>· fewer characters, e.g. just the place name</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/search_page.py" line="660"/>
        <source>· 放宽筛选条件，或换一个地区</source>
        <translation>· looser filters, or another region</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/search_page.py" line="662"/>
        <source>· 换一个地区或产品名称</source>
        <translation>· another region or product name</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/search_page.py" line="664"/>
        <source>· 切换到“全部”查看其他类型</source>
        <translation>· the &quot;All&quot; tab to see other kinds</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/search_page.py" line="694"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../ipdesk/ui/settings_page.py" line="221"/>
        <location filename="../../ipdesk/ui/settings_page.py" line="223"/>
        <source>下次启动时进入自助终端模式</source>
        <translation>Start as a kiosk next time</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/settings_page.py" line="227"/>
        <location filename="../../ipdesk/ui/settings_page.py" line="228"/>
        <source>管理员 PIN</source>
        <translation>Admin PIN</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/settings_page.py" line="230"/>
        <source>自助终端</source>
        <translation>Kiosk</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/settings_page.py" line="234"/>
        <source>先在命令行运行 ipdesk kiosk set-pin 设置管理员 PIN。</source>
        <translation>First set an admin PIN on the command line: ipdesk kiosk set-pin.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/settings_page.py" line="304"/>
        <source>要开启自助终端模式，请输入正确的管理员 PIN。</source>
        <translation>To switch on kiosk mode, type the correct admin PIN.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/settings_page.py" line="117"/>
        <location filename="../../ipdesk/ui/settings_page.py" line="119"/>
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/settings_page.py" line="126"/>
        <source>标准</source>
        <translation>Normal</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/settings_page.py" line="126"/>
        <source>大</source>
        <translation>Large</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/settings_page.py" line="126"/>
        <source>较大</source>
        <translation>Larger</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/settings_page.py" line="127"/>
        <source>特大</source>
        <translation>Largest</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/settings_page.py" line="131"/>
        <location filename="../../ipdesk/ui/settings_page.py" line="132"/>
        <source>字号</source>
        <translation>Font size</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/settings_page.py" line="134"/>
        <source>高对比度（黑底白字）</source>
        <translation>High contrast (white on black)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/settings_page.py" line="136"/>
        <source>高对比度</source>
        <translation>High contrast</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/settings_page.py" line="137"/>
        <source>显示</source>
        <translation>Display</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/settings_page.py" line="142"/>
        <location filename="../../ipdesk/ui/settings_page.py" line="150"/>
        <source>数据文件夹</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/settings_page.py" line="144"/>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/settings_page.py" line="145"/>
        <source>打开数据文件夹</source>
        <translation>Open the data folder</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/settings_page.py" line="151"/>
        <source>更换数据文件夹：启动时使用 --data-dir 参数或 IPDESK_DATA_DIR 环境变量。</source>
        <translation>To use another data folder, start ipdesk with --data-dir or set IPDESK_DATA_DIR.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/settings_page.py" line="156"/>
        <source>留空：使用数据文件夹中的 SQLite 文件</source>
        <translation>Empty: the SQLite file in the data folder</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/settings_page.py" line="157"/>
        <location filename="../../ipdesk/ui/settings_page.py" line="158"/>
        <source>数据库地址</source>
        <translation>Database URL</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/settings_page.py" line="161"/>
        <source>https://… 或文件夹（U 盘）；留空则不检查更新</source>
        <translation>https://… or a folder (USB stick); empty: no update checks</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/settings_page.py" line="162"/>
        <location filename="../../ipdesk/ui/settings_page.py" line="163"/>
        <source>更新来源</source>
        <translation>Update source</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/settings_page.py" line="170"/>
        <source>受信任的发布者公钥</source>
        <translation>Trusted publisher keys</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/settings_page.py" line="174"/>
        <source>添加公钥文件…</source>
        <translation>Add key file…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/settings_page.py" line="175"/>
        <source>添加发布者公钥文件（.pub）</source>
        <translation>Add a publisher key file (.pub)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/settings_page.py" line="178"/>
        <source>移除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/settings_page.py" line="179"/>
        <source>移除所选的发布者公钥</source>
        <translation>Remove the selected publisher key</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/settings_page.py" line="184"/>
        <source>受信任的发布者</source>
        <translation>Trusted publishers</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/settings_page.py" line="185"/>
        <source>内置的发布者公钥始终受信任。使用其他更新来源时，向其发布者索取公钥文件（.pub）并在此添加，然后点“保存”。</source>
        <translation>The bundled publisher key is always trusted. For another update source, get its publisher&apos;s key file (.pub), add it here, then click Save.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/settings_page.py" line="192"/>
        <location filename="../../ipdesk/ui/settings_page.py" line="195"/>
        <source>工作人员姓名</source>
        <translation>Staff name</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/settings_page.py" line="194"/>
        <location filename="../../ipdesk/ui/settings_page.py" line="200"/>
        <source>最多 %1 个字</source>
        <translation>At most %1 characters</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/settings_page.py" line="198"/>
        <location filename="../../ipdesk/ui/settings_page.py" line="201"/>
        <source>服务中心名称</source>
        <translation>Service centre name</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/settings_page.py" line="207"/>
        <source>永久保留</source>
        <translation>Keep for ever</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ipdesk/ui/settings_page.py" line="207"/>
        <source>%n 年</source>
        <translation>
            <numerusform>%n year</numerusform>
            <numerusform>%n years</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/settings_page.py" line="209"/>
        <location filename="../../ipdesk/ui/settings_page.py" line="216"/>
        <location filename="../../ipdesk/ui/settings_page.py" line="343"/>
        <source>保留服务台账和报告</source>
        <translation>Keep the service record and reports</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/settings_page.py" line="212"/>
        <source>更早的服务台账记录及其存档报告每天自动删除（按日历日计算）。以前做的备份和导出的台账不受影响。</source>
        <translation>Older service-record entries and their archived reports are removed automatically every day (counted in calendar days). Backups and ledgers exported before are not affected.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/settings_page.py" line="239"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/settings_page.py" line="240"/>
        <source>保存设置</source>
        <translation>Save the settings</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/settings_page.py" line="266"/>
        <source>简体中文</source>
        <translation>Simplified Chinese</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/settings_page.py" line="266"/>
        <source>英文</source>
        <translation>English</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/settings_page.py" line="268"/>
        <source>本次启动时用 --lang 指定了界面语言，只在本次有效；保存的界面语言是“%1”，下次启动时使用。要改变保存的语言，请在上面选择后点“保存”。</source>
        <translation>This session was started with --lang, which holds for this session only; the saved language is %1, used from the next start. To change the saved language, choose it above and click Save.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/settings_page.py" line="311"/>
        <source>正在统计将删除的记录…</source>
        <translation>Counting the entries that would be removed…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/settings_page.py" line="324"/>
        <source>没有保存，保留期限未改变。</source>
        <translation>Not saved: the retention period is unchanged.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/settings_page.py" line="332"/>
        <source>没有保存：无法统计服务台账记录（%1）。</source>
        <translation>Not saved: the service record could not be counted (%1).</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ipdesk/ui/settings_page.py" line="335"/>
        <source>已保存。已删除 %n 条较早的服务台账记录。</source>
        <translation>
            <numerusform>Saved. %n older service-record entry was removed.</numerusform>
            <numerusform>Saved. %n older service-record entries were removed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ipdesk/ui/settings_page.py" line="339"/>
        <source>缩短保留期限后，早于 %1 的 %n 条服务台账记录将被删除</source>
        <translation>
            <numerusform>With the shorter period, %n service-record entry from before %1 will be removed</numerusform>
            <numerusform>With the shorter period, %n service-record entries from before %1 will be removed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ipdesk/ui/settings_page.py" line="341"/>
        <source>，连同 %n 个存档报告（每种格式的文件）</source>
        <translation>
            <numerusform>, with %n archived report (its files in every format)</numerusform>
            <numerusform>, with %n archived reports (their files in every format)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/settings_page.py" line="342"/>
        <source>。删除后无法撤销。以前做的备份和导出的台账中仍有这些记录。确定要保存吗？</source>
        <translation>. This cannot be undone. Backups and ledgers exported before still hold them. Save?</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/settings_page.py" line="355"/>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/settings_page.py" line="365"/>
        <source>无法保存设置：%1</source>
        <translation>Could not save the settings: %1</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/settings_page.py" line="393"/>
        <source>密钥 %1</source>
        <translation>Key %1</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/settings_page.py" line="390"/>
        <source>无法读取的密钥（可以移除）</source>
        <translation>Unreadable key (you can remove it)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/settings_page.py" line="398"/>
        <source>（没有另外添加的公钥）</source>
        <translation>(no keys added)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/settings_page.py" line="403"/>
        <source>选择发布者公钥文件</source>
        <translation>Choose the publisher&apos;s key file</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/settings_page.py" line="404"/>
        <source>公钥文件 (*.pub);;所有文件 (*)</source>
        <translation>Key files (*.pub);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/settings_page.py" line="417"/>
        <source>密钥 %1 已在受信任名单中。</source>
        <translation>Key %1 is on the trusted list already.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/settings_page.py" line="421"/>
        <source>已添加密钥 %1，点“保存”后生效。</source>
        <translation>Key %1 added; click Save to use it.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/settings_page.py" line="429"/>
        <source>已移除，点“保存”后生效。</source>
        <translation>Removed; click Save to apply.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/settings_page.py" line="444"/>
        <source>已保存。</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/settings_page.py" line="446"/>
        <source>数据库地址在下次启动时生效。</source>
        <translation>The database URL takes effect at the next start.</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <location filename="../../ipdesk/ui/status_bar.py" line="187"/>
        <source>数据更新状态</source>
        <translation>Data update status</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/status_bar.py" line="162"/>
        <source>数据：读取中…</source>
        <translation>Data: loading…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/status_bar.py" line="163"/>
        <source>数据版本</source>
        <translation>Data versions</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/status_bar.py" line="166"/>
        <source>只读</source>
        <translation>Read-only</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/status_bar.py" line="167"/>
        <source>数据库文件是只读的：可以查询，不能导入、更新或恢复数据。请检查文件权限（Windows：在文件“属性”中取消“只读”），然后重新打开 ipdesk。</source>
        <translation>The database file is read-only: it can be searched, but imports, data updates and restores need it writable. Check the file&apos;s permissions (Windows: untick Read-only in its Properties) and open ipdesk again.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/status_bar.py" line="169"/>
        <source>数据库只读</source>
        <translation>Database read-only</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/status_bar.py" line="173"/>
        <source>本机服务台账文件是只读的：可以查询和备份，不能记入服务台账、导出报告、保存检索或恢复备份。请检查文件权限（Windows：在文件“属性”中取消“只读”），然后重新打开 ipdesk。</source>
        <translation>The local service-record file is read-only: searches and backups work, but nothing can be logged in the service record, exported as a report, saved as a search or restored. Check the file&apos;s permissions (Windows: untick Read-only in its Properties) and open ipdesk again.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/status_bar.py" line="178"/>
        <source>网络文件夹</source>
        <translation>Network folder</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/status_bar.py" line="179"/>
        <source>数据文件夹在网络驱动器上。同一时间只能有一台计算机使用这个数据文件夹（否则数据库可能损坏）；放在本机的文件夹中更快也更安全。</source>
        <translation>The data folder is on a network drive. Only one computer at a time may use this data folder (otherwise the database can be damaged); a folder on this computer is faster and safer.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/status_bar.py" line="181"/>
        <source>数据文件夹在网络驱动器上</source>
        <translation>Data folder on a network drive</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/status_bar.py" line="190"/>
        <source>联网状态</source>
        <translation>Connection</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/status_bar.py" line="195"/>
        <source>后台任务</source>
        <translation>Background tasks</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/status_bar.py" line="225"/>
        <source>区划</source>
        <translation>Divisions</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/status_bar.py" line="225"/>
        <source>地理标志</source>
        <translation>GIs</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/status_bar.py" line="225"/>
        <source>分类</source>
        <translation>Classifications</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/status_bar.py" line="226"/>
        <source>专利</source>
        <translation>Patents</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/status_bar.py" line="226"/>
        <source>商标</source>
        <translation>Trademarks</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/status_bar.py" line="227"/>
        <source>本机导入的专利</source>
        <translation>Patents (local import)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/status_bar.py" line="227"/>
        <source>本机导入的商标</source>
        <translation>Trademarks (local import)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/status_bar.py" line="228"/>
        <source>本机导入的地理标志</source>
        <translation>GIs (local import)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/status_bar.py" line="240"/>
        <source>%1（截至 %2）</source>
        <translation>%1 (as of %2)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/status_bar.py" line="237"/>
        <source>%1 v%2（截至 %3）</source>
        <translation>%1 v%2 (as of %3)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/status_bar.py" line="242"/>
        <source>数据：</source>
        <translation>Data: </translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/status_bar.py" line="250"/>
        <source>● 在线</source>
        <translation>● Online</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/status_bar.py" line="250"/>
        <location filename="../../ipdesk/ui/status_bar.py" line="251"/>
        <source>○ 离线</source>
        <translation>○ Offline</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/status_bar.py" line="250"/>
        <source>● 本地更新源</source>
        <translation>● Local update source</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/status_bar.py" line="251"/>
        <location filename="../../ipdesk/ui/status_bar.py" line="252"/>
        <source>○ 更新源无效</source>
        <translation>○ Update source not valid</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/status_bar.py" line="253"/>
        <source>未设置更新来源（设置 → 更新来源）</source>
        <translation>No update source set (Settings → Update source)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/status_bar.py" line="254"/>
        <source>更新来源的文件夹中没有 manifest.json，不是 ipdesk 更新源（数据与同步 → 更新来源）</source>
        <translation>The update source folder has no manifest.json: it is not an ipdesk update source (Data &amp; sync → Update source)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/status_bar.py" line="255"/>
        <source>更新来源的网址格式不对，请核对（设置 → 更新来源）</source>
        <translation>The update source&apos;s address is not well formed: please check it (Settings → Update source)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/status_bar.py" line="278"/>
        <source>等待数据库…</source>
        <translation>Waiting for the database…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/status_bar.py" line="279"/>
        <source>数据库正忙于另一项写入（数据更新或导入）。要读的内容每隔几秒自动再试，写完后就会显示。</source>
        <translation>The database is busy with another write (a data update or an import). What is being read is tried again every few seconds and shows once the write has ended.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/status_bar.py" line="281"/>
        <source>后台任务 %1</source>
        <translation>Background tasks: %1</translation>
    </message>
</context>
<context>
    <name>UserGuideDialog</name>
    <message>
        <location filename="../../ipdesk/ui/user_guide.py" line="248"/>
        <location filename="../../ipdesk/ui/user_guide.py" line="265"/>
        <source>使用手册</source>
        <translation>User guide</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/user_guide.py" line="249"/>
        <source>查找</source>
        <translation>Find</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/user_guide.py" line="250"/>
        <source>在手册中查找（Ctrl+F）</source>
        <translation>Find in the guide (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/user_guide.py" line="251"/>
        <source>在手册中查找</source>
        <translation>Find in the guide</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/user_guide.py" line="252"/>
        <source>上一处</source>
        <translation>Previous</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/user_guide.py" line="253"/>
        <source>上一处（Shift+F3）</source>
        <translation>Previous match (Shift+F3)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/user_guide.py" line="254"/>
        <source>下一处</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/user_guide.py" line="255"/>
        <source>下一处（F3 或回车）</source>
        <translation>Next match (F3 or Enter)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/user_guide.py" line="256"/>
        <source>缩小字号（Ctrl+-）</source>
        <translation>Smaller text (Ctrl+-)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/user_guide.py" line="257"/>
        <source>缩小字号</source>
        <translation>Smaller text</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/user_guide.py" line="258"/>
        <source>放大字号（Ctrl++）</source>
        <translation>Bigger text (Ctrl++)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/user_guide.py" line="259"/>
        <source>放大字号</source>
        <translation>Bigger text</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/user_guide.py" line="260"/>
        <source>另存为 PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/user_guide.py" line="261"/>
        <source>把手册另存为 PDF 文件</source>
        <translation>Save the guide as a PDF file</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/user_guide.py" line="262"/>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/user_guide.py" line="263"/>
        <source>打印手册（Ctrl+P）</source>
        <translation>Print the guide (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/user_guide.py" line="493"/>
        <source>打印使用手册</source>
        <translation>Print the user guide</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/user_guide.py" line="506"/>
        <source>正在打印…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/user_guide.py" line="516"/>
        <source>已打印到文件：%1</source>
        <translation>Printed to the file %1</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/user_guide.py" line="519"/>
        <source>已送到打印机：%1</source>
        <translation>Sent to the printer %1</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/user_guide.py" line="528"/>
        <source>无法打印：%1</source>
        <translation>Could not print: %1</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/user_guide.py" line="264"/>
        <source>目录</source>
        <translation>Contents</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/user_guide.py" line="267"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/user_guide.py" line="429"/>
        <source>没有找到</source>
        <translation>Not found</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/user_guide.py" line="432"/>
        <source>第 %1 处，共 %2 处</source>
        <translation>%1 of %2</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/user_guide.py" line="455"/>
        <location filename="../../ipdesk/ui/user_guide.py" line="467"/>
        <location filename="../../ipdesk/ui/user_guide.py" line="492"/>
        <location filename="../../ipdesk/ui/user_guide.py" line="504"/>
        <source>ipdesk 使用手册</source>
        <translation>ipdesk user guide</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/user_guide.py" line="458"/>
        <source>另存为 PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/user_guide.py" line="458"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/user_guide.py" line="469"/>
        <source>正在生成 PDF…</source>
        <translation>Making the PDF…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/user_guide.py" line="476"/>
        <source>已保存：%1</source>
        <translation>Saved: %1</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/user_guide.py" line="484"/>
        <source>无法保存 PDF：%1</source>
        <translation>Could not save the PDF: %1</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <location filename="../../ipdesk/ui/labels.py" line="15"/>
        <source>地理标志</source>
        <translation>GI</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/labels.py" line="16"/>
        <source>专利</source>
        <translation>Patent</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/labels.py" line="17"/>
        <source>商标</source>
        <translation>Trademark</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/labels.py" line="18"/>
        <source>地方</source>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/labels.py" line="19"/>
        <source>分类</source>
        <translation>Class</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/labels.py" line="26"/>
        <source>地理标志产品</source>
        <translation>GI product</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/labels.py" line="27"/>
        <source>地理标志证明商标</source>
        <translation>GI certification mark</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/labels.py" line="28"/>
        <source>地理标志集体商标</source>
        <translation>GI collective mark</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/labels.py" line="29"/>
        <source>农产品地理标志</source>
        <translation>Agricultural-product GI</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/labels.py" line="71"/>
        <source>省级</source>
        <translation>Province</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/labels.py" line="72"/>
        <source>地级</source>
        <translation>Prefecture</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/labels.py" line="73"/>
        <source>县级</source>
        <translation>County</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/labels.py" line="74"/>
        <source>乡级</source>
        <translation>Township</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/labels.py" line="81"/>
        <source>发明</source>
        <translation>Invention</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/labels.py" line="82"/>
        <source>实用新型</source>
        <translation>Utility model</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/labels.py" line="83"/>
        <source>外观设计</source>
        <translation>Design</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/labels.py" line="90"/>
        <source>普通商标</source>
        <translation>Ordinary mark</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/labels.py" line="91"/>
        <source>集体商标</source>
        <translation>Collective mark</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/labels.py" line="92"/>
        <source>证明商标</source>
        <translation>Certification mark</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/labels.py" line="99"/>
        <source>国际专利分类</source>
        <translation>IPC</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/labels.py" line="100"/>
        <source>尼斯分类</source>
        <translation>Nice classification</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/labels.py" line="101"/>
        <source>类似群</source>
        <translation>Similar groups</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/labels.py" line="108"/>
        <source>名称</source>
        <translation>name</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/labels.py" line="109"/>
        <source>地名</source>
        <translation>place name</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/labels.py" line="110"/>
        <source>拼音/编号</source>
        <translation>pinyin/number</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/labels.py" line="111"/>
        <source>所在地</source>
        <translation>located there</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/labels.py" line="112"/>
        <source>其他字段</source>
        <translation>other fields</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/labels.py" line="114"/>
        <source>位于所查地方</source>
        <translation>inside the place named</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/labels.py" line="113"/>
        <source>近似拼写</source>
        <translation>similar spelling</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/labels.py" line="115"/>
        <source>类别</source>
        <translation>category</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/labels.py" line="116"/>
        <source>英文名称</source>
        <translation>English name</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/labels.py" line="117"/>
        <source>所在地和名称</source>
        <translation>place and name</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/labels.py" line="118"/>
        <source>所在地和类别</source>
        <translation>place and category</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/labels.py" line="119"/>
        <source>英文产品词</source>
        <translation>English product word</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/labels.py" line="120"/>
        <source>名称在查询词中</source>
        <translation>name inside the query</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/labels.py" line="127"/>
        <source>覆盖此地</source>
        <translation>covers this place</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/labels.py" line="128"/>
        <source>在此地以内</source>
        <translation>inside this place</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/labels.py" line="129"/>
        <source>位于此地</source>
        <translation>located here</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/labels.py" line="130"/>
        <source>文字提及此地</source>
        <translation>names this place</translation>
    </message>
</context>
<context>
    <name>pages</name>
    <message>
        <location filename="../../ipdesk/ui/pages.py" line="65"/>
        <source>搜索</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/pages.py" line="66"/>
        <source>按地方</source>
        <translation>By place</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/pages.py" line="67"/>
        <source>地理标志核查</source>
        <translation>GI check</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/pages.py" line="68"/>
        <source>商标核查</source>
        <translation>Brand check</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/pages.py" line="69"/>
        <source>农业专利</source>
        <translation>Patents</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/pages.py" line="70"/>
        <source>报告</source>
        <translation>Reports</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/pages.py" line="71"/>
        <source>数据与同步</source>
        <translation>Data &amp; sync</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/pages.py" line="72"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
</context>
</TS>
