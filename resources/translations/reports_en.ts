<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ReportsPage</name>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="222"/>
        <source>当前报告</source>
        <translation>Current report</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="223"/>
        <location filename="../../ipdesk/ui/reports_page.py" line="350"/>
        <location filename="../../ipdesk/ui/reports_page.py" line="873"/>
        <source>服务台账</source>
        <translation>Service record</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="232"/>
        <source>报告篮中的记录</source>
        <translation>Records in the report basket</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="237"/>
        <source>移除所选</source>
        <translation>Remove selected</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="239"/>
        <source>清空报告篮</source>
        <translation>Empty the basket</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="250"/>
        <source>如：某某镇大米专业合作社</source>
        <translation>e.g. the rice growers&apos; cooperative of X township</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="261"/>
        <source>中文</source>
        <translation>Chinese</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="266"/>
        <source>报告标题</source>
        <translation>Report title</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="266"/>
        <location filename="../../ipdesk/ui/reports_page.py" line="319"/>
        <location filename="../../ipdesk/ui/reports_page.py" line="347"/>
        <source>服务对象</source>
        <translation>Client</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="267"/>
        <location filename="../../ipdesk/ui/reports_page.py" line="347"/>
        <source>咨询事项</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="267"/>
        <location filename="../../ipdesk/ui/reports_page.py" line="347"/>
        <source>经办人</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="268"/>
        <source>报告语言</source>
        <translation>Report language</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="298"/>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="300"/>
        <source>按月份筛选</source>
        <translation>Filter by month</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="306"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="308"/>
        <source>导出台账（Excel）…</source>
        <translation>Export ledger (Excel)…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="310"/>
        <source>打开报告文件</source>
        <translation>Open report file</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="323"/>
        <source>按服务对象查找（名称或其一部分）</source>
        <translation>Find a client&apos;s entries (the name or part of it)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="324"/>
        <source>按服务对象查找</source>
        <translation>Find by client</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="329"/>
        <source>查找</source>
        <translation>Find</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="332"/>
        <source>更正服务对象…</source>
        <translation>Correct name…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="334"/>
        <source>删除所选记录…</source>
        <translation>Delete…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="347"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="347"/>
        <source>结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="348"/>
        <source>报告编号</source>
        <translation>Report number</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="386"/>
        <source>永久保留：服务台账和存档报告不会被自动删除。</source>
        <translation>Kept for ever: the service record and archived reports are never removed automatically.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ipdesk/ui/reports_page.py" line="388"/>
        <source>保留 %n 年：早于 %1 的记录会被自动删除。</source>
        <translation>
            <numerusform>Kept for %n year: entries from before %1 are removed automatically.</numerusform>
            <numerusform>Kept for %n years: entries from before %1 are removed automatically.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="411"/>
        <source>检索结果</source>
        <translation>Search results</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="416"/>
        <source>找到 %1 条</source>
        <translation>%1 found</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="413"/>
        <source>向导结果</source>
        <translation>Wizard result</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ipdesk/ui/reports_page.py" line="421"/>
        <source>报告篮：%n 项</source>
        <translation>
            <numerusform>Report basket: %n item</numerusform>
            <numerusform>Report basket: %n items</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="422"/>
        <source>报告篮是空的。在搜索、详情或向导中点“加入报告”即可添加。</source>
        <translation>The report basket is empty. Use &quot;Add to report&quot; in search, a record or a wizard.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="209"/>
        <location filename="../../ipdesk/ui/reports_page.py" line="506"/>
        <source>正在生成报告…</source>
        <translation>Making the report…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="513"/>
        <source>保存报告</source>
        <translation>Save report</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="529"/>
        <source>已保存：%1（报告编号 %2，已存档并记入服务台账）</source>
        <translation>Saved: %1 (report %2, archived and logged in the service record)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="551"/>
        <source>生成报告时出错：%1</source>
        <translation>The report could not be made: %1</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="567"/>
        <source>正在准备报告…</source>
        <translation>Preparing the report…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="616"/>
        <source>正在打印…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="583"/>
        <source>报告预览</source>
        <translation>Report preview</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="274"/>
        <source>预览(&amp;V)</source>
        <translation>Pre&amp;view</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="276"/>
        <source>打印(&amp;P)…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="278"/>
        <source>导出 PDF(&amp;D)…</source>
        <translation>Export P&amp;DF…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="280"/>
        <source>导出 Word(&amp;W)…</source>
        <translation>Export &amp;Word…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="282"/>
        <source>导出 Excel(&amp;X)…</source>
        <translation>Export E&amp;xcel…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="330"/>
        <source>查找服务对象的记录</source>
        <translation>Find the client&apos;s entries</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="335"/>
        <source>删除表中选中的记录及其存档报告（在表中也可按 Delete 键）</source>
        <translation>Delete the entries chosen in the table with their archived reports (or press Delete in the table)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="442"/>
        <location filename="../../ipdesk/ui/reports_page.py" line="445"/>
        <source>默认：%1</source>
        <translation>Default: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ipdesk/ui/reports_page.py" line="533"/>
        <source>已打印到文件 %1，共 %n 页。</source>
        <translation>
            <numerusform>Printed to the file %1: %n page. </numerusform>
            <numerusform>Printed to the file %1: %n pages. </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ipdesk/ui/reports_page.py" line="535"/>
        <source>已发送到打印机“%1”，共 %n 页。</source>
        <translation>
            <numerusform>Sent to the printer &quot;%1&quot;: %n page. </numerusform>
            <numerusform>Sent to the printer &quot;%1&quot;: %n pages. </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ipdesk/ui/reports_page.py" line="537"/>
        <source>已发送到打印机，共 %n 页。</source>
        <translation>
            <numerusform>Sent to the printer: %n page. </numerusform>
            <numerusform>Sent to the printer: %n pages. </numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="538"/>
        <source>存档副本：%1（报告编号 %2，已记入服务台账）</source>
        <translation>Archive copy: %1 (report %2, logged in the service record)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="603"/>
        <source>打印报告</source>
        <translation>Print report</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="201"/>
        <location filename="../../ipdesk/ui/reports_page.py" line="666"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ipdesk/ui/reports_page.py" line="704"/>
        <source>服务对象“%1”：共 %n 条记录</source>
        <translation>
            <numerusform>Client &quot;%1&quot;: %n entry</numerusform>
            <numerusform>Client &quot;%1&quot;: %n entries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ipdesk/ui/reports_page.py" line="707"/>
        <source>共 %n 条记录</source>
        <translation>
            <numerusform>%n entry</numerusform>
            <numerusform>%n entries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ipdesk/ui/reports_page.py" line="713"/>
        <source>已删除记录的 %n 个报告文件未能删除（请关闭打开它们的程序后手动删除；下次删除记录时会再试）：</source>
        <translation>
            <numerusform>%n report file of deleted entries could not be removed (close the program that has it open and delete it by hand; the next deletion tries again):</numerusform>
            <numerusform>%n report files of deleted entries could not be removed (close the program that has them open and delete them by hand; the next deletion tries again):</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="745"/>
        <location filename="../../ipdesk/ui/reports_page.py" line="752"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ipdesk/ui/reports_page.py" line="746"/>
        <source>%1（%n 条）</source>
        <translation>
            <numerusform>%1 (%n entry)</numerusform>
            <numerusform>%1 (%n entries)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="746"/>
        <source>未填写</source>
        <translation>not given</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ipdesk/ui/reports_page.py" line="749"/>
        <source>删除所选的 %n 条服务台账记录吗？</source>
        <translation>
            <numerusform>Delete the chosen service-record entry?</numerusform>
            <numerusform>Delete the %n chosen service-record entries?</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="750"/>
        <source>服务对象：%1</source>
        <translation>Client: %1</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="752"/>
        <source>它们的存档报告（%1）也会删除，包括每种格式的文件。</source>
        <translation>Their archived reports (%1) are deleted too, the files of every format.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="753"/>
        <source>删除后无法撤销。以前做的备份和导出的台账中仍有这些记录。</source>
        <translation>This cannot be undone. Backups made before and ledgers exported before still hold these entries.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="754"/>
        <source>删除服务台账记录</source>
        <translation>Delete service-record entries</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ipdesk/ui/reports_page.py" line="761"/>
        <source>所选的 %n 条记录（服务对象：%1）的服务对象改为（已存档的报告文件仍印着原来的名称）：</source>
        <translation>
            <numerusform>New client name for the %n chosen entry (%1); the archived report files keep the name as it was:</numerusform>
            <numerusform>New client name for the %n chosen entries (%1); the archived report files keep the name as it was:</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="764"/>
        <source>注意：所选记录属于不同的服务对象，都会改为同一个名称。</source>
        <translation>Note: the chosen entries belong to different clients; all of them will get the same name.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="765"/>
        <source>更正服务对象</source>
        <translation>Correct the client</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="771"/>
        <source>请先在表中选中要删除的记录。</source>
        <translation>Choose the entries to delete in the table first.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ipdesk/ui/reports_page.py" line="783"/>
        <source>已删除 %n 条记录</source>
        <translation>
            <numerusform>Deleted %n entry</numerusform>
            <numerusform>Deleted %n entries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ipdesk/ui/reports_page.py" line="783"/>
        <source>、%n 个存档报告文件。</source>
        <translation>
            <numerusform> and %n archived report file.</numerusform>
            <numerusform> and %n archived report files.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="787"/>
        <source>以下文件无法删除，请关闭打开它的程序后手动删除：%1</source>
        <translation> These files could not be removed; close the program that has them open and delete them by hand: %1</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="790"/>
        <source>数据文件夹中较早的副本可能仍有这些记录，不再需要时请删除：%1</source>
        <translation> Older copies in the data folder may still hold these entries; delete them when no longer needed: %1</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="801"/>
        <source>请先在表中选中要更正的记录。</source>
        <translation>Choose the entries to correct in the table first.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ipdesk/ui/reports_page.py" line="816"/>
        <source>已更正 %n 条记录的服务对象为“%1”。已存档的报告文件仍印着原来的名称。</source>
        <translation>
            <numerusform>Corrected the client of %n entry to &quot;%1&quot;. The archived report files still print the name as it was.</numerusform>
            <numerusform>Corrected the client of %n entries to &quot;%1&quot;. The archived report files still print the name as it was.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="874"/>
        <source>导出服务台账</source>
        <translation>Export the service record</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="879"/>
        <source>台账已导出：%1</source>
        <translation>Ledger exported: %1</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="888"/>
        <source>这条记录没有报告文件。</source>
        <translation>This entry has no report file.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="898"/>
        <source>报告文件已不在存档中：%1</source>
        <translation>The report file is no longer in the archive: %1</translation>
    </message>
</context>
</TS>
