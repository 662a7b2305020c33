<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ReportsPage</name>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="163"/>
        <source>当前报告</source>
        <translation>Current report</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="164"/>
        <location filename="../../ipdesk/ui/reports_page.py" line="258"/>
        <location filename="../../ipdesk/ui/reports_page.py" line="543"/>
        <source>服务台账</source>
        <translation>Service record</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="172"/>
        <source>报告篮中的记录</source>
        <translation>Records in the report basket</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="177"/>
        <source>移除所选</source>
        <translation>Remove selected</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="179"/>
        <source>清空报告篮</source>
        <translation>Empty the basket</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="189"/>
        <source>默认：知识产权信息服务报告</source>
        <translation>Default: IP information service report</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="191"/>
        <source>如：某某镇大米专业合作社</source>
        <translation>e.g. the rice growers&apos; cooperative of X township</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="202"/>
        <source>中文</source>
        <translation>Chinese</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="206"/>
        <source>报告标题</source>
        <translation>Report title</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="206"/>
        <location filename="../../ipdesk/ui/reports_page.py" line="255"/>
        <source>服务对象</source>
        <translation>Client</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="207"/>
        <location filename="../../ipdesk/ui/reports_page.py" line="255"/>
        <source>咨询事项</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="207"/>
        <location filename="../../ipdesk/ui/reports_page.py" line="255"/>
        <source>经办人</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="208"/>
        <source>报告语言</source>
        <translation>Report language</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="214"/>
        <source>预览</source>
        <translation>Preview</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="216"/>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="218"/>
        <source>导出 PDF…</source>
        <translation>Export PDF…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="220"/>
        <source>导出 Word…</source>
        <translation>Export Word…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="222"/>
        <source>导出 Excel…</source>
        <translation>Export Excel…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="238"/>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="240"/>
        <source>按月份筛选</source>
        <translation>Filter by month</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="243"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="245"/>
        <source>导出台账（Excel）…</source>
        <translation>Export ledger (Excel)…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="247"/>
        <source>打开报告文件</source>
        <translation>Open report file</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="255"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="255"/>
        <source>结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="256"/>
        <source>报告编号</source>
        <translation>Report number</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="300"/>
        <source>检索结果</source>
        <translation>Search results</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="305"/>
        <source>找到 %1 条</source>
        <translation>%1 found</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="302"/>
        <source>向导结果</source>
        <translation>Wizard result</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ipdesk/ui/reports_page.py" line="310"/>
        <source>报告篮：%n 项</source>
        <translation>
            <numerusform>Report basket: %n item</numerusform>
            <numerusform>Report basket: %n items</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="311"/>
        <source>报告篮是空的。在搜索、详情或向导中点“加入报告”即可添加。</source>
        <translation>The report basket is empty. Use &quot;Add to report&quot; in search, a record or a wizard.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="150"/>
        <location filename="../../ipdesk/ui/reports_page.py" line="363"/>
        <source>正在生成报告…</source>
        <translation>Making the report…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="369"/>
        <source>知识产权信息服务报告</source>
        <translation>IP information service report</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="371"/>
        <source>保存报告</source>
        <translation>Save report</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="387"/>
        <source>已保存：%1（报告编号 %2，已存档并记入服务台账）</source>
        <translation>Saved: %1 (report %2, archived and logged in the service record)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="398"/>
        <source>生成报告时出错：%1</source>
        <translation>The report could not be made: %1</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="413"/>
        <source>正在准备报告…</source>
        <translation>Preparing the report…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="450"/>
        <source>正在打印…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="428"/>
        <source>报告预览</source>
        <translation>Report preview</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="440"/>
        <source>打印报告</source>
        <translation>Print report</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="481"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ipdesk/ui/reports_page.py" line="513"/>
        <source>共 %n 条记录</source>
        <translation>
            <numerusform>%n entry</numerusform>
            <numerusform>%n entries</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="544"/>
        <source>导出服务台账</source>
        <translation>Export the service record</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="549"/>
        <source>台账已导出：%1</source>
        <translation>Ledger exported: %1</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="557"/>
        <source>这条记录没有报告文件。</source>
        <translation>This entry has no report file.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/reports_page.py" line="560"/>
        <source>报告文件已不在存档中：%1</source>
        <translation>The report file is no longer in the archive: %1</translation>
    </message>
</context>
</TS>
