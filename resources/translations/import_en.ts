<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ImportPanel</name>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="219"/>
        <source>导入文件</source>
        <translation>Import files</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="222"/>
        <source>把国家知识产权局专利 XML（或其 ZIP）、WIPO ST.96 文件、Excel 或 CSV 清单拖到这里，或点“选择文件…”。先预览，确认后才写入数据库。</source>
        <translation>Drop CNIPA patent XML (or a ZIP of it), WIPO ST.96 files, or Excel/CSV lists here, or click &quot;Choose files…&quot;. You see a preview first; nothing is written until you confirm.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="229"/>
        <source>数据截至：</source>
        <translation>Data as of:</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="234"/>
        <source>数据截至日期</source>
        <translation>Data as of (date)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="235"/>
        <source>清单中的记录截至哪一天（默认今天）。文件自己写明日期的记录（如“截至日期”列、专利 XML 的生成日期）以文件为准。</source>
        <translation>The date the list&apos;s records are current as of (default: today). Records whose file gives a date of its own (an &quot;As of&quot; column, the date a patent XML file was produced) keep that date.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="240"/>
        <source>（默认今天；文件里写明日期的记录以文件为准）</source>
        <translation>(default: today; records whose file gives a date keep that date)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="249"/>
        <source>选择文件…</source>
        <translation>Choose files…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="250"/>
        <location filename="../../ipdesk/ui/import_panel.py" line="516"/>
        <source>选择要导入的文件</source>
        <translation>Choose the files to import</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="252"/>
        <source>下载空白模板…</source>
        <translation>Download a blank template…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="253"/>
        <source>下载空白导入模板</source>
        <translation>Download a blank import template</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="255"/>
        <source>地理标志清单</source>
        <translation>GI list</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="255"/>
        <source>专利清单</source>
        <translation>Patent list</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="256"/>
        <source>商标清单</source>
        <translation>Trademark list</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="260"/>
        <source>作为本机数据导入（同步不会覆盖）</source>
        <translation>Import as local data (sync never replaces it)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="261"/>
        <source>本中心自己整理的清单：以后的数据更新不会替换这些记录。</source>
        <translation>A list this centre keeps itself: later data updates will not replace these records.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="272"/>
        <source>导入状态</source>
        <translation>Import status</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="276"/>
        <location filename="../../ipdesk/ui/import_panel.py" line="283"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="276"/>
        <location filename="../../ipdesk/ui/import_panel.py" line="615"/>
        <source>新增</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="276"/>
        <location filename="../../ipdesk/ui/import_panel.py" line="615"/>
        <source>变更</source>
        <translation>Changed</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="276"/>
        <location filename="../../ipdesk/ui/import_panel.py" line="615"/>
        <source>未变</source>
        <translation>Unchanged</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="277"/>
        <location filename="../../ipdesk/ui/import_panel.py" line="616"/>
        <source>拒绝</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="278"/>
        <source>导入计数</source>
        <translation>Import counts</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="283"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="283"/>
        <source>编号或名称</source>
        <translation>Number or name</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="283"/>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="284"/>
        <location filename="../../ipdesk/ui/import_panel.py" line="289"/>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="284"/>
        <location filename="../../ipdesk/ui/import_panel.py" line="289"/>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="287"/>
        <source>将要发生的变化</source>
        <translation>Changes to be made</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="289"/>
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="289"/>
        <source>值</source>
        <translation>Value</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="290"/>
        <source>原因</source>
        <translation>Why</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="291"/>
        <source>错误清单</source>
        <translation>Error list</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="293"/>
        <source>文件说明</source>
        <translation>Notes on the files</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="295"/>
        <source>变化</source>
        <translation>Changes</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="296"/>
        <source>错误</source>
        <translation>Errors</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="297"/>
        <source>说明</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="301"/>
        <source>导出错误清单…</source>
        <translation>Export the error list…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="303"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="305"/>
        <source>确认导入</source>
        <translation>Confirm import</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="306"/>
        <source>确认导入并写入数据库</source>
        <translation>Confirm the import and write it to the database</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="622"/>
        <source>注册号 %1，第 %2 类</source>
        <translation>Reg. no. %1, class %2</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="624"/>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="649"/>
        <source>%1被拒绝（%2）：请改正后重新导入。所有行都有效才能导入。</source>
        <translation>%1 rejected (%2): correct the file and import it again. Only a file whose rows are all valid can be imported.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ipdesk/ui/import_panel.py" line="650"/>
        <source>%Ln 行</source>
        <comment>rows rejected</comment>
        <translation>
            <numerusform>%Ln row</numerusform>
            <numerusform>%Ln rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ipdesk/ui/import_panel.py" line="651"/>
        <source>共 %Ln 个问题</source>
        <comment>problems found</comment>
        <translation>
            <numerusform>%Ln problem</numerusform>
            <numerusform>%Ln problems</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="659"/>
        <source>另有 %1不是中国国家知识产权局的（其他国家或地区的商标或地理标志），不会导入，见“错误”。</source>
        <translation>Not imported: %1 (trademarks or GIs, not CNIPA&apos;s); see Errors.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ipdesk/ui/import_panel.py" line="660"/>
        <source>%Ln 条记录</source>
        <comment>records of another office</comment>
        <translation>
            <numerusform>%Ln record of another country&apos;s or region&apos;s office</numerusform>
            <numerusform>%Ln records of another country&apos;s or region&apos;s office</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="545"/>
        <source>正在写入数据库…</source>
        <translation>Writing to the database…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="352"/>
        <location filename="../../ipdesk/ui/import_panel.py" line="414"/>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="417"/>
        <location filename="../../ipdesk/ui/import_panel.py" line="598"/>
        <source>已取消，数据库未改变。</source>
        <translation>Cancelled; the database is unchanged.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="439"/>
        <source>错误清单已保存：%1</source>
        <translation>Error list saved: %1</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="448"/>
        <source>模板已保存：%1</source>
        <translation>Template saved: %1</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="517"/>
        <source>可导入的文件 (*.xml *.XML *.zip *.xlsx *.xlsm *.csv *.tsv *.txt);;所有文件 (*)</source>
        <translation>Importable files (*.xml *.XML *.zip *.xlsx *.xlsm *.csv *.tsv *.txt);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="524"/>
        <source>保存空白模板</source>
        <translation>Save a blank template</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="529"/>
        <source>导出错误清单</source>
        <translation>Export the error list</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="529"/>
        <source>导入错误清单.xlsx</source>
        <translation>import-errors.xlsx</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="540"/>
        <source>读取</source>
        <translation>Reading</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="540"/>
        <source>比对</source>
        <translation>Comparing</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="540"/>
        <source>写入</source>
        <translation>Writing</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ipdesk/ui/import_panel.py" line="546"/>
        <source>正在读取和校验 %Ln 个文件…</source>
        <translation>
            <numerusform>Reading and checking %Ln file…</numerusform>
            <numerusform>Reading and checking %Ln files…</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="556"/>
        <source>导入完成：新增 %1 条，变更 %2 条。现在可以在搜索中找到这些记录。</source>
        <translation>Import done: %1 new, %2 changed. The records can now be found in search.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="604"/>
        <source>导入失败，数据库未改变：%1</source>
        <translation>The import failed; the database is unchanged: %1</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="612"/>
        <source>专利</source>
        <translation>Patents</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="612"/>
        <source>商标</source>
        <translation>Trademarks</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="612"/>
        <source>地理标志</source>
        <translation>Geographical indications</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="654"/>
        <source>所有记录都与数据库一致，无需导入。</source>
        <translation>Every record already matches the database; nothing to import.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="656"/>
        <source>请检查下面的变化，然后点“确认导入”。</source>
        <translation>Check the changes below, then click &quot;Confirm import&quot;.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/import_panel.py" line="538"/>
        <source>正在等待数据更新应用完毕，之后写入…</source>
        <translation>Waiting for the data update to finish applying, then writing…</translation>
    </message>
</context>
</TS>
