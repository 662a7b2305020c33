<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>SyncMonitor</name>
    <message>
        <location filename="../../ipdesk/ui/sync_monitor.py" line="74"/>
        <source>正在检查数据更新…</source>
        <translation>Checking for data updates…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_monitor.py" line="79"/>
        <location filename="../../ipdesk/ui/sync_monitor.py" line="104"/>
        <source>数据已是最新</source>
        <translation>Data are up to date</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_monitor.py" line="82"/>
        <source>数据更新已下载，空闲时应用</source>
        <translation>Data update downloaded; it will be applied when idle</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_monitor.py" line="93"/>
        <source>正在应用数据更新…</source>
        <translation>Applying the data update…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_monitor.py" line="100"/>
        <source>数据更新已应用（第 %1 版）</source>
        <translation>Data update applied (version %1)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_monitor.py" line="110"/>
        <source>数据更新未完成：%1</source>
        <translation>Data update not completed: %1</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_monitor.py" line="1"/>
        <source>数据更新已转到“数据与同步”页进行</source>
        <translation>The update goes on in Data &amp; sync</translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="69"/>
        <source>数据更新</source>
        <translation>Data updates</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="75"/>
        <source>更新来源：</source>
        <translation>Update source:</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="77"/>
        <source>网址（https://…）或文件夹（U 盘）</source>
        <translation>URL (https://…) or folder (USB stick)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="78"/>
        <source>更新来源</source>
        <translation>Update source</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="80"/>
        <source>选择文件夹…</source>
        <translation>Choose folder…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="85"/>
        <source>立即检查</source>
        <translation>Check now</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="87"/>
        <source>立即更新</source>
        <translation>Update now</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="89"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="101"/>
        <source>同步状态</source>
        <translation>Sync status</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="105"/>
        <source>下载进度</source>
        <translation>Download progress</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="108"/>
        <source>数据集</source>
        <translation>Dataset</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="108"/>
        <source>原版本</source>
        <translation>Old version</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="108"/>
        <source>新版本</source>
        <translation>New version</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="109"/>
        <source>方式</source>
        <translation>Method</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="109"/>
        <source>新增/更新/删除</source>
        <translation>Added/updated/deleted</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="109"/>
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="110"/>
        <source>各数据集的变化</source>
        <translation>Changes per dataset</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="121"/>
        <source>行政区划</source>
        <translation>Administrative divisions</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="121"/>
        <source>地理标志</source>
        <translation>Geographical indications</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="121"/>
        <source>分类表</source>
        <translation>Classifications</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="122"/>
        <source>专利</source>
        <translation>Patents</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="122"/>
        <source>商标</source>
        <translation>Trademarks</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="126"/>
        <source>增量</source>
        <translation>Delta</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="126"/>
        <source>完整快照</source>
        <translation>Full snapshot</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="129"/>
        <source>已是最新</source>
        <translation>Up to date</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="129"/>
        <source>有可用更新</source>
        <translation>Update available</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="129"/>
        <source>已应用</source>
        <translation>Applied</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="130"/>
        <source>更新来源已过期</source>
        <translation>Update source is stale</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="130"/>
        <source>出错</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="130"/>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="141"/>
        <location filename="../../ipdesk/ui/sync_panel.py" line="214"/>
        <source>上次检查：%1（%2）</source>
        <translation>Last check: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="144"/>
        <source>已应用第 %1 版，时间 %2。上次更新的变化：</source>
        <translation>Version %1 applied at %2. What the last update changed:</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="148"/>
        <source>尚未从更新来源应用过数据。</source>
        <translation>No data have been applied from an update source yet.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="161"/>
        <source>（保留本地 %1 条）</source>
        <translation>(%1 local kept)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="169"/>
        <source>%1 条记录</source>
        <translation>%1 records</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="184"/>
        <source>选择更新文件夹</source>
        <translation>Choose the update folder</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="192"/>
        <location filename="../../ipdesk/ui/sync_panel.py" line="224"/>
        <source>正在检查…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="199"/>
        <location filename="../../ipdesk/ui/sync_panel.py" line="248"/>
        <source>数据已是最新（第 %1 版）。</source>
        <translation>Data are up to date (version %1).</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="201"/>
        <source>有可用更新：第 %1 版，需下载 %2 MB。</source>
        <translation>Update available: version %1, %2 MB to download.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="231"/>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="237"/>
        <source>剩余约 %1 秒</source>
        <translation>about %1 s left</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="238"/>
        <source>正在下载：%1 / %2 MB</source>
        <translation>Downloading: %1 / %2 MB</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="242"/>
        <source>正在应用更新（一次完成，中断不会损坏数据）…</source>
        <translation>Applying the update (all at once; an interruption cannot damage the data)…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="1"/>
        <source>正在等待导入写入完毕，之后应用更新…</source>
        <translation>Waiting for the import to finish writing, then applying the update…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="1"/>
        <source>正在应用更新：%1 / %2 条记录（一次完成，取消或中断都不会损坏数据）</source>
        <translation>Applying the update: %1 / %2 records (all at once; cancelling or an interruption cannot damage the data)</translation>
    </message>
</context>
</TS>
