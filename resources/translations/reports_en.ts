<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ReportsPage</name>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="181"/>
        <source>当前报告</source>
        <translation>Current report</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="182"/>
        <location filename="../../ipdesk/ui/reports_page.py" line="280"/>
        <location filename="../../ipdesk/ui/reports_page.py" line="634"/>
        <source>服务台账</source>
        <translation>Service record</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="191"/>
        <source>报告篮中的记录</source>
        <translation>Records in the report basket</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="196"/>
        <source>移除所选</source>
        <translation>Remove selected</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="198"/>
        <source>清空报告篮</source>
        <translation>Empty the basket</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="209"/>
        <source>如：某某镇大米专业合作社</source>
        <translation>e.g. the rice growers&apos; cooperative of X township</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="220"/>
        <source>中文</source>
        <translation>Chinese</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="225"/>
        <source>报告标题</source>
        <translation>Report title</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="225"/>
        <location filename="../../ipdesk/ui/reports_page.py" line="277"/>
        <source>服务对象</source>
        <translation>Client</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="226"/>
        <location filename="../../ipdesk/ui/reports_page.py" line="277"/>
        <source>咨询事项</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="226"/>
        <location filename="../../ipdesk/ui/reports_page.py" line="277"/>
        <source>经办人</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="227"/>
        <source>报告语言</source>
        <translation>Report language</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="257"/>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="259"/>
        <source>按月份筛选</source>
        <translation>Filter by month</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="265"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="267"/>
        <source>导出台账（Excel）…</source>
        <translation>Export ledger (Excel)…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="269"/>
        <source>打开报告文件</source>
        <translation>Open report file</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="277"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="277"/>
        <source>结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="278"/>
        <source>报告编号</source>
        <translation>Report number</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="326"/>
        <source>检索结果</source>
        <translation>Search results</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="331"/>
        <source>找到 %1 条</source>
        <translation>%1 found</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="328"/>
        <source>向导结果</source>
        <translation>Wizard result</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ipdesk/ui/reports_page.py" line="336"/>
        <source>报告篮：%n 项</source>
        <translation>
            <numerusform>Report basket: %n item</numerusform>
            <numerusform>Report basket: %n items</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="337"/>
        <source>报告篮是空的。在搜索、详情或向导中点“加入报告”即可添加。</source>
        <translation>The report basket is empty. Use &quot;Add to report&quot; in search, a record or a wizard.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="168"/>
        <location filename="../../ipdesk/ui/reports_page.py" line="421"/>
        <source>正在生成报告…</source>
        <translation>Making the report…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="429"/>
        <source>保存报告</source>
        <translation>Save report</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="447"/>
        <source>已保存：%1（报告编号 %2，已存档并记入服务台账）</source>
        <translation>Saved: %1 (report %2, archived and logged in the service record)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="469"/>
        <source>生成报告时出错：%1</source>
        <translation>The report could not be made: %1</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="485"/>
        <source>正在准备报告…</source>
        <translation>Preparing the report…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="522"/>
        <source>正在打印…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="500"/>
        <source>报告预览</source>
        <translation>Report preview</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="233"/>
        <source>预览(&amp;V)</source>
        <translation>Pre&amp;view</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="235"/>
        <source>打印(&amp;P)…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="237"/>
        <source>导出 PDF(&amp;D)…</source>
        <translation>Export P&amp;DF…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="239"/>
        <source>导出 Word(&amp;W)…</source>
        <translation>Export &amp;Word…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="241"/>
        <source>导出 Excel(&amp;X)…</source>
        <translation>Export E&amp;xcel…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="357"/>
        <location filename="../../ipdesk/ui/reports_page.py" line="360"/>
        <source>默认：%1</source>
        <translation>Default: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ipdesk/ui/reports_page.py" line="451"/>
        <source>已打印到文件 %1，共 %n 页。</source>
        <translation>
            <numerusform>Printed to the file %1: %n page. </numerusform>
            <numerusform>Printed to the file %1: %n pages. </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ipdesk/ui/reports_page.py" line="453"/>
        <source>已发送到打印机“%1”，共 %n 页。</source>
        <translation>
            <numerusform>Sent to the printer &quot;%1&quot;: %n page. </numerusform>
            <numerusform>Sent to the printer &quot;%1&quot;: %n pages. </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ipdesk/ui/reports_page.py" line="455"/>
        <source>已发送到打印机，共 %n 页。</source>
        <translation>
            <numerusform>Sent to the printer: %n page. </numerusform>
            <numerusform>Sent to the printer: %n pages. </numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="456"/>
        <source>存档副本：%1（报告编号 %2，已记入服务台账）</source>
        <translation>Archive copy: %1 (report %2, logged in the service record)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="512"/>
        <source>打印报告</source>
        <translation>Print report</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="557"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ipdesk/ui/reports_page.py" line="589"/>
        <source>共 %n 条记录</source>
        <translation>
            <numerusform>%n entry</numerusform>
            <numerusform>%n entries</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="635"/>
        <source>导出服务台账</source>
        <translation>Export the service record</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="640"/>
        <source>台账已导出：%1</source>
        <translation>Ledger exported: %1</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="649"/>
        <source>这条记录没有报告文件。</source>
        <translation>This entry has no report file.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="653"/>
        <source>报告文件已不在存档中：%1</source>
        <translation>The report file is no longer in the archive: %1</translation>
    </message>
</context>
</TS>
