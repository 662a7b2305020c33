<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>SyncMonitor</name>
    <message>
        <location filename="../../ipdesk/ui/sync_monitor.py" line="88"/>
        <source>正在检查数据更新…</source>
        <translation>Checking for data updates…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_monitor.py" line="93"/>
        <location filename="../../ipdesk/ui/sync_monitor.py" line="120"/>
        <source>数据已是最新</source>
        <translation>Data are up to date</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_monitor.py" line="96"/>
        <source>数据更新已下载，空闲时应用</source>
        <translation>Data update downloaded; it will be applied when idle</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_monitor.py" line="107"/>
        <source>正在应用数据更新…</source>
        <translation>Applying the data update…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_monitor.py" line="116"/>
        <source>数据更新已应用（第 %1 版）</source>
        <translation>Data update applied (version %1)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_monitor.py" line="129"/>
        <source>数据更新未完成：%1</source>
        <translation>Data update not completed: %1</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_monitor.py" line="125"/>
        <source>数据更新已转到“数据与同步”页进行</source>
        <translation>The update goes on in Data &amp; sync</translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="122"/>
        <source>更新来源：</source>
        <translation>Update source:</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="124"/>
        <source>网址（https://…）或文件夹（U 盘）</source>
        <translation>URL (https://…) or folder (USB stick)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="125"/>
        <source>更新来源</source>
        <translation>Update source</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="127"/>
        <source>选择文件夹…</source>
        <translation>Choose folder…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="132"/>
        <source>立即检查</source>
        <translation>Check now</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="134"/>
        <source>立即更新</source>
        <translation>Update now</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="136"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="148"/>
        <source>同步状态</source>
        <translation>Sync status</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="152"/>
        <source>下载进度</source>
        <translation>Download progress</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="155"/>
        <source>数据集</source>
        <translation>Dataset</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="155"/>
        <source>原版本</source>
        <translation>Old version</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="155"/>
        <source>新版本</source>
        <translation>New version</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="156"/>
        <source>方式</source>
        <translation>Method</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="156"/>
        <location filename="../../ipdesk/ui/sync_panel.py" line="266"/>
        <source>新增/更新/删除</source>
        <translation>Added/updated/deleted</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="156"/>
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="158"/>
        <source>各数据集的变化</source>
        <translation>Changes per dataset</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="325"/>
        <source>有可用更新：第 %1 版，需下载 %2。</source>
        <translation>Update available: version %1, %2 to download.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="337"/>
        <source>尚未检查过更新。</source>
        <translation>Not checked for updates yet.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="366"/>
        <source>检查已取消。</source>
        <translation>Check cancelled.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="383"/>
        <source>正在下载：%1 / %2</source>
        <translation>Downloading: %1 / %2</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="406"/>
        <source>数据已是最新</source>
        <translation>Data are up to date</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="410"/>
        <source>数据更新已应用（第 %1 版）</source>
        <translation>Data update applied (version %1)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="424"/>
        <source>数据更新已取消</source>
        <translation>Data update cancelled</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="425"/>
        <source>数据更新未完成：%1</source>
        <translation>Data update not completed: %1</translation>
    </message>
    <message>
        <source>行政区划</source>
        <translation>Administrative divisions</translation>
    </message>
    <message>
        <source>地理标志</source>
        <translation>Geographical indications</translation>
    </message>
    <message>
        <source>分类表</source>
        <translation>Classifications</translation>
    </message>
    <message>
        <source>专利</source>
        <translation>Patents</translation>
    </message>
    <message>
        <source>商标</source>
        <translation>Trademarks</translation>
    </message>
    <message>
        <source>增量</source>
        <translation>Delta</translation>
    </message>
    <message>
        <source>完整快照</source>
        <translation>Full snapshot</translation>
    </message>
    <message>
        <source>已是最新</source>
        <translation>Up to date</translation>
    </message>
    <message>
        <source>有可用更新</source>
        <translation>Update available</translation>
    </message>
    <message>
        <source>已应用</source>
        <translation>Applied</translation>
    </message>
    <message>
        <source>更新来源已过期</source>
        <translation>Update source is stale</translation>
    </message>
    <message>
        <source>出错</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="343"/>
        <source>上次检查：%1（%2）</source>
        <translation>Last check: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="248"/>
        <source>已应用第 %1 版，时间 %2。上次更新的变化：</source>
        <translation>Version %1 applied at %2. What the last update changed:</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="233"/>
        <source>剩余不到 1 分钟</source>
        <translation>less than a minute left</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="236"/>
        <source>剩余约 %1 分钟</source>
        <translation>about %1 min left</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="237"/>
        <source>剩余约 %1 小时 %2 分钟</source>
        <translation>about %1 h %2 min left</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="253"/>
        <source>尚未从更新来源应用过数据。</source>
        <translation>No data have been applied from an update source yet.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="273"/>
        <source>（保留本地 %1 条）</source>
        <translation>(%1 local kept)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="298"/>
        <source>选择更新文件夹</source>
        <translation>Choose the update folder</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="185"/>
        <location filename="../../ipdesk/ui/sync_panel.py" line="309"/>
        <location filename="../../ipdesk/ui/sync_panel.py" line="354"/>
        <source>正在检查…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="279"/>
        <source>记录数</source>
        <translation>Records</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="284"/>
        <source>%1 条</source>
        <translation>%1</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="323"/>
        <location filename="../../ipdesk/ui/sync_panel.py" line="405"/>
        <source>数据已是最新（第 %1 版）。</source>
        <translation>Data are up to date (version %1).</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="369"/>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="394"/>
        <source>正在应用更新（一次完成，中断不会损坏数据）…</source>
        <translation>Applying the update (all at once; an interruption cannot damage the data)…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="397"/>
        <source>正在等待导入写入完毕，之后应用更新…</source>
        <translation>Waiting for the import to finish writing, then applying the update…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="389"/>
        <source>正在应用更新：%1 / %2 条记录（一次完成，取消或中断都不会损坏数据）</source>
        <translation>Applying the update: %1 / %2 records (all at once; cancelling or an interruption cannot damage the data)</translation>
    </message>
</context>
</TS>
