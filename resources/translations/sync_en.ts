<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ChangedRecordsModel</name>
    <message>
        <location filename="../../ipdesk/ui/changed_records.py" line="55"/>
        <source>变化</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/changed_records.py" line="55"/>
        <source>数据集</source>
        <translation>Dataset</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/changed_records.py" line="55"/>
        <source>编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/changed_records.py" line="55"/>
        <source>名称</source>
        <translation>Name / title</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/changed_records.py" line="55"/>
        <source>更改的字段</source>
        <translation>Fields changed</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/changed_records.py" line="121"/>
        <source>已删除（删除前的名称）：%1</source>
        <translation>Removed (its name before): %1</translation>
    </message>
</context>
<context>
    <name>ChangedRecordsView</name>
    <message>
        <location filename="../../ipdesk/ui/changed_records.py" line="154"/>
        <location filename="../../ipdesk/ui/changed_records.py" line="179"/>
        <source>上次更新更改的记录</source>
        <translation>Records the last update changed</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/changed_records.py" line="158"/>
        <source>显示：</source>
        <translation>Show:</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/changed_records.py" line="161"/>
        <source>全部变化</source>
        <translation>All changes</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/changed_records.py" line="165"/>
        <source>只更新了来源或日期</source>
        <translation>Source or date only</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/changed_records.py" line="166"/>
        <source>按变化类型筛选</source>
        <translation>Filter by kind of change</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/changed_records.py" line="180"/>
        <source>双击或按回车打开新增或更改的记录</source>
        <translation>Double-click or press Enter to open an added or changed record</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/changed_records.py" line="235"/>
        <source>上次更新没有更改任何记录。</source>
        <translation>The last update changed no records.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/changed_records.py" line="237"/>
        <source>其中 %1 条只更新了来源或数据截至日期，列在最后（可在“显示”中单独筛选）</source>
        <translation>Of these, %1 changed only their source or as-of date, listed last (Show can list them alone)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/changed_records.py" line="240"/>
        <source>%1：只列出前 %2 条，共 %3 条变化。</source>
        <translation>%1: showing the first %2 of %3 changes.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/changed_records.py" line="242"/>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/changed_records.py" line="255"/>
        <source>无法读取上次更新更改的记录：%1</source>
        <translation>Could not read the records the last update changed: %1</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/changed_records.py" line="271"/>
        <source>这条记录已被上次更新删除，无法打开：%1</source>
        <translation>The last update removed this record; it cannot be opened: %1</translation>
    </message>
</context>
<context>
    <name>SyncMonitor</name>
    <message>
        <location filename="../../ipdesk/ui/sync_monitor.py" line="119"/>
        <source>正在检查数据更新…</source>
        <translation>Checking for data updates…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_monitor.py" line="131"/>
        <location filename="../../ipdesk/ui/sync_monitor.py" line="142"/>
        <location filename="../../ipdesk/ui/sync_monitor.py" line="174"/>
        <source>数据已是最新</source>
        <translation>Data are up to date</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_monitor.py" line="194"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_monitor.py" line="195"/>
        <source>数据更新会删除%1的大部分记录，没有自动应用：请在“数据与同步”页检查后决定</source>
        <translation>Update held (removes most of %1): see Data &amp; sync</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_monitor.py" line="144"/>
        <source>数据更新已下载，空闲时应用</source>
        <translation>Data update downloaded; it will be applied when idle</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_monitor.py" line="155"/>
        <source>正在应用数据更新…</source>
        <translation>Applying the data update…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_monitor.py" line="167"/>
        <source>数据已是最新（更新包第 %1 版）</source>
        <translation>Data are up to date (update package %1)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_monitor.py" line="170"/>
        <source>数据更新已应用（更新包第 %1 版）</source>
        <translation>Data update applied (update package %1)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_monitor.py" line="187"/>
        <source>数据更新未应用：更新来源来自另一个发布者，请到“数据与同步”查看</source>
        <translation>Not applied: another publisher&apos;s source; see Data &amp; sync</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_monitor.py" line="189"/>
        <source>数据更新未完成：%1</source>
        <translation>Update not done: %1</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_monitor.py" line="179"/>
        <source>数据更新已转到“数据与同步”页进行</source>
        <translation>The update goes on in Data &amp; sync</translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="179"/>
        <source>更新来源：</source>
        <translation>Update source:</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="181"/>
        <source>网址（https://…）或文件夹（U 盘）</source>
        <translation>URL (https://…) or folder (USB stick)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="182"/>
        <source>更新来源</source>
        <translation>Update source</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="184"/>
        <source>选择文件夹…</source>
        <translation>Choose folder…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="189"/>
        <source>立即检查</source>
        <translation>Check now</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="191"/>
        <source>立即更新</source>
        <translation>Update now</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="193"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="205"/>
        <source>同步状态</source>
        <translation>Sync status</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="221"/>
        <source>下载进度</source>
        <translation>Download progress</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="231"/>
        <source>数据集</source>
        <translation>Dataset</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="231"/>
        <source>原版本</source>
        <translation>Old version</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="231"/>
        <source>新版本</source>
        <translation>New version</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="232"/>
        <source>方式</source>
        <translation>Method</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="232"/>
        <location filename="../../ipdesk/ui/sync_panel.py" line="416"/>
        <location filename="../../ipdesk/ui/sync_panel.py" line="443"/>
        <source>新增/更新/删除</source>
        <translation>Added/updated/deleted</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="232"/>
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="234"/>
        <source>各数据集的变化</source>
        <translation>Changes per dataset</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="355"/>
        <source>已记为更新包第 %1 版（%2）：这台电脑的数据与它相同，没有下载或更改任何记录。</source>
        <translation>Recorded as update package %1 (%2): this computer&apos;s data were the same, so nothing was downloaded or changed.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="380"/>
        <source>上次应用的更新：更新包第 %1 版，时间 %2。各数据集的变化：</source>
        <translation>Last update applied: update package %1, at %2. What it changed in each dataset:</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="381"/>
        <source>上次记录的更新：更新包第 %1 版（%2），这台电脑的数据与它相同，没有更改。</source>
        <translation>Last update recorded: update package %1 (%2); this computer&apos;s data were the same, nothing changed.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="395"/>
        <source>注意：更新来源已过期（有效期至 %1），这台电脑的数据不会再更新。请联系数据发布者。</source>
        <translation>Note: the update source has expired (valid until %1), so this computer&apos;s data will not be updated. Contact the data publisher.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="398"/>
        <source>注意：已有 %1 天没有成功检查或更新数据（上次成功：%2），数据可能已经过时。请检查更新来源和网络，或联系数据发布者。</source>
        <translation>Note: no check or update has succeeded for %1 days (last success: %2), so the data may be out of date. Check the update source and the network, or contact the data publisher.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="449"/>
        <source>共 %1 条</source>
        <translation>%1 in all</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="474"/>
        <source>请先在上面的“更新来源”中填写网址，或点“选择文件夹…”选择 U 盘上的更新文件夹。</source>
        <translation>First enter a URL in &quot;Update source&quot; above, or click &quot;Choose folder…&quot; to choose the update folder on the USB stick.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="535"/>
        <source>有可用更新：更新包第 %1 版，需下载 %2。</source>
        <translation>Update available: update package %1, %2 to download.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="552"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="554"/>
        <source>注意：这次更新将删除或替换本机导入的 %1 条记录（%2），它们未标为本机数据。如需保留，请先在“导入文件”中勾选“作为本机数据导入”，把这些文件重新导入，再更新。</source>
        <translation>Warning: this update will delete or replace %1 records imported on this computer (%2), which are not marked local. To keep them, import those files again under &quot;Import files&quot; with &quot;Import as local data&quot; ticked, then update.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="567"/>
        <source>尚未检查过更新。</source>
        <translation>Not checked for updates yet.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="612"/>
        <source>检查已取消。</source>
        <translation>Check cancelled.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="621"/>
        <source>请向发布者索取公钥文件（.pub），在“设置 → 受信任的发布者”中添加并保存，然后再检查。</source>
        <translation>Ask the publisher for their public key file (.pub), add it under Settings → Trusted publishers, save, then check again.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="627"/>
        <source>这个更新来源的发布者（密钥 %1）不在受信任名单中，未做任何更改。</source>
        <translation>The publisher of this update source (key %1) is not on the trusted list; nothing was changed. </translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="629"/>
        <source>没有受信任的发布者公钥，无法验证更新，未做任何更改。</source>
        <translation>No trusted publisher key: updates cannot be verified; nothing was changed. </translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="637"/>
        <source>这个更新来源来自另一个发布者（密钥 %1），不是本机上次更新所用的发布者（密钥 %2），没有应用，未做任何更改。</source>
        <translation>This update source is from another publisher (key %1), not the one this computer last updated from (key %2): nothing was applied and nothing was changed.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="640"/>
        <source>这个更新来源（密钥 %1）提供的数据比本机已应用的旧，没有应用，未做任何更改。</source>
        <translation>This update source (key %1) offers older data than this computer has applied: nothing was applied and nothing was changed.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="641"/>
        <source>如确要改用这个发布者的数据（或者原发布者更换了密钥），请再点“立即检查”或“立即更新”，在询问是否改用时选“是”。</source>
        <translation> To switch to this publisher&apos;s data (or if your publisher changed its key), press Check now or Update now again and answer Yes when asked whether to switch.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="648"/>
        <source>这个更新来源来自另一个发布者（密钥 %1），不是本机上次更新所用的发布者（密钥 %2）。不同发布者的更新包各自编号，不能相互比较。</source>
        <translation>This update source is from another publisher (key %1) than the last update applied here (key %2). Each publisher numbers its update packages on its own, so they cannot be compared.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="652"/>
        <source>这个更新来源（密钥 %1）提供的数据比本机已应用的旧。本机上次的更新没有记下它来自哪个发布者；如果这个来源来自另一个发布者，可以改用它。</source>
        <translation>This update source (key %1) offers older data than those applied here. The last update here did not record which publisher it came from; if this source is another publisher&apos;s, you can switch to it.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="654"/>
        <source>要改用这个发布者吗？改用后，它的每个数据集都会整体替换本机的数据（本机数据和标为本机的导入不受影响），本机此后以它的更新包为准。如不确定，请选“否”，并先向管理员确认。</source>
        <translation>Switch to this publisher? Each of its datasets then replaces the data here as a whole (local records and imports marked local are not affected), and this computer follows its update packages from then on. If you are not sure, choose No and ask your administrator first.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="656"/>
        <source>改用另一个发布者</source>
        <translation>Switch to another publisher</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="665"/>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="668"/>
        <source>这次更新（更新包第 %1 版）会删除大部分记录：%2。这常常是发布者误用了空的或错误的数据库。</source>
        <translation>This update (update package version %1) removes most of the records: %2. This usually means the publisher used an empty or wrong database.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="670"/>
        <source>仍要应用吗？如不确定，请选“否”（不做任何更改），并先向数据发布者确认。</source>
        <translation>Apply it anyway? If unsure, choose No (nothing is changed) and ask the data publisher first.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="671"/>
        <source>更新会删除大部分记录</source>
        <translation>The update removes most of the records</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="688"/>
        <source>正在下载：%1 / %2</source>
        <translation>Downloading: %1 / %2</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="691"/>
        <source>连接中断，正在重新连接（第 %1 / %2 次）…  已下载 %3 / %4</source>
        <translation>Connection lost; reconnecting (try %1 of %2)…  %3 / %4 downloaded</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="717"/>
        <location filename="../../ipdesk/ui/sync_panel.py" line="723"/>
        <source>数据已是最新</source>
        <translation>Data are up to date</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="725"/>
        <source>数据更新已应用（更新包第 %1 版）</source>
        <translation>Data update applied (update package %1)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="759"/>
        <source>数据更新已取消</source>
        <translation>Data update cancelled</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="760"/>
        <source>数据更新未完成，原因见“数据与同步”页</source>
        <translation>Data update not completed: see &quot;Data &amp; sync&quot;</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="573"/>
        <source>上次检查：%1（%2）</source>
        <translation>Last check: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="354"/>
        <source>已应用更新包第 %1 版，时间 %2。各数据集的变化：</source>
        <translation>Update package %1 applied at %2. What it changed in each dataset:</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="321"/>
        <source>剩余不到 1 分钟</source>
        <translation>less than a minute left</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="363"/>
        <source>尚未从更新来源应用过数据。</source>
        <translation>No data have been applied from an update source yet.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="423"/>
        <source>（保留本地 %1 条）</source>
        <translation>(%1 local kept)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="465"/>
        <source>选择更新文件夹</source>
        <translation>Choose the update folder</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="271"/>
        <location filename="../../ipdesk/ui/sync_panel.py" line="500"/>
        <location filename="../../ipdesk/ui/sync_panel.py" line="592"/>
        <source>正在检查…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="443"/>
        <source>记录数</source>
        <translation>Records</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="449"/>
        <source>%1 条</source>
        <translation>%1</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="528"/>
        <source>将改用密钥 %1 的发布者：它的每个数据集都替换本机的数据（与本机相同的不必下载）。</source>
        <translation>Switching to the publisher of key %1: each of its datasets replaces the data here (those the same as here need no download).</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="533"/>
        <location filename="../../ipdesk/ui/sync_panel.py" line="716"/>
        <source>数据已是最新（更新包第 %1 版）。</source>
        <translation>Data are up to date (update package %1).</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="615"/>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="703"/>
        <source>正在应用更新（一次完成，中断不会损坏数据）…</source>
        <translation>Applying the update (all at once; an interruption cannot damage the data)…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="706"/>
        <source>正在等待导入写入完毕，之后应用更新…</source>
        <translation>Waiting for the import to finish writing, then applying the update…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/sync_panel.py" line="698"/>
        <source>正在应用更新：%1 / %2 条记录（一次完成，取消或中断都不会损坏数据）</source>
        <translation>Applying the update: %1 / %2 records (all at once; cancelling or an interruption cannot damage the data)</translation>
    </message>
</context>
</TS>
