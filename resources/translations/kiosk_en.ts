<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AdminChoicesScreen</name>
    <message>
        <location filename="../../ipdesk/ui/kiosk/admin_choices.py" line="72"/>
        <source>管理员</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/admin_choices.py" line="73"/>
        <source>密码正确。请选择要做什么；访客请点“返回”。</source>
        <translation>PIN accepted. Choose what to do. Visitors: please tap &quot;Back&quot;.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/admin_choices.py" line="74"/>
        <source>切换到工作人员窗口</source>
        <translation>Open the staff window</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/admin_choices.py" line="75"/>
        <source>自助机关闭，打开工作人员窗口。下次开机仍是自助机。</source>
        <translation>The kiosk closes and the staff window opens. Next start: the kiosk again.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/admin_choices.py" line="78"/>
        <source>以后开机打开工作人员窗口，现在也打开。可在“设置”中重新开启。</source>
        <translation>From now on the computer starts the staff window; it opens now. Settings can turn the kiosk back on.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/admin_choices.py" line="80"/>
        <source>程序关闭。下次开机仍是自助机。</source>
        <translation>The program closes. Next start: the kiosk again.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/admin_choices.py" line="76"/>
        <source>不再开机进入自助机</source>
        <translation>Stop starting as the kiosk</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/admin_choices.py" line="79"/>
        <source>退出自助机</source>
        <translation>Exit the kiosk</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/admin_choices.py" line="84"/>
        <source>无法保存设置：%1</source>
        <translation>Could not save the settings: %1</translation>
    </message>
</context>
<context>
    <name>AdminScreen</name>
    <message>
        <location filename="../../ipdesk/ui/kiosk/screens.py" line="671"/>
        <source>管理员</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/screens.py" line="672"/>
        <source>请输入管理员密码。访客请点“返回”。</source>
        <translation>Enter the admin PIN. Visitors: please tap &quot;Back&quot;.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/screens.py" line="673"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/screens.py" line="688"/>
        <source>尚未设置管理员密码。</source>
        <translation>No admin PIN has been set.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ipdesk/ui/kiosk/screens.py" line="701"/>
        <source>错误次数太多，请 %n 分钟后再试。</source>
        <translation>
            <numerusform>Too many wrong tries. Try again in %n minute.</numerusform>
            <numerusform>Too many wrong tries. Try again in %n minutes.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/screens.py" line="703"/>
        <source>错误次数太多，请 %1 秒后再试。</source>
        <translation>Too many wrong tries. Try again in %1 s.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/screens.py" line="690"/>
        <source>密码不对。</source>
        <translation>Wrong PIN.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/screens.py" line="710"/>
        <source>可以再试了。</source>
        <translation>You can try again now.</translation>
    </message>
</context>
<context>
    <name>ByPlaceScreen</name>
    <message>
        <location filename="../../ipdesk/ui/kiosk/screens.py" line="492"/>
        <source>按地方查地理标志</source>
        <translation>GIs by place</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/screens.py" line="494"/>
        <source>换一个地方</source>
        <translation>Another place</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/screens.py" line="495"/>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ipdesk/ui/kiosk/screens.py" line="565"/>
        <source>%1：%n 个地理标志的保护范围包括这里</source>
        <translation>
            <numerusform>%1: the protected area of %n GI includes this place</numerusform>
            <numerusform>%1: the protected areas of %n GIs include this place</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ipdesk/ui/kiosk/screens.py" line="566"/>
        <source>；另有 %n 个可能包括这里（粗略记录）</source>
        <translation>
            <numerusform>; %n more may include it (recorded roughly)</numerusform>
            <numerusform>; %n more may include it (recorded roughly)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ipdesk/ui/kiosk/screens.py" line="568"/>
        <source>%1：%n 个地理标志的保护范围可能包括这里（粗略记录）</source>
        <translation>
            <numerusform>%1: the protected area of %n GI may include this place (recorded roughly)</numerusform>
            <numerusform>%1: the protected areas of %n GIs may include this place (recorded roughly)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ipdesk/ui/kiosk/screens.py" line="569"/>
        <source>；下级地方另有 %n 个</source>
        <translation>
            <numerusform>; %n more in places below</numerusform>
            <numerusform>; %n more in places below</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/screens.py" line="571"/>
        <source>保护范围：%1</source>
        <translation>Protected area: %1</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/screens.py" line="577"/>
        <source>保护范围只有粗略记录，请向工作人员核实</source>
        <translation>Area recorded only roughly: please ask the staff</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/screens.py" line="583"/>
        <source>本机数据中没有保护范围包括这里的地理标志。</source>
        <translation>No GI in this kiosk&apos;s data has a protected area that includes this place.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/screens.py" line="602"/>
        <source>正在打印…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/screens.py" line="610"/>
        <source>已送去打印，请在打印机处取单。</source>
        <translation>Sent to the printer. Please collect it there.</translation>
    </message>
</context>
<context>
    <name>CandidateBar</name>
    <message>
        <location filename="../../ipdesk/ui/kiosk/pinyin_input.py" line="178"/>
        <source>点字母拼出读音，再点下面的字。</source>
        <translation>Spell the sound with letters, then tap a character below.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/pinyin_input.py" line="180"/>
        <source>正在准备汉字……</source>
        <translation>Preparing characters…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/pinyin_input.py" line="182"/>
        <source>拼音 %1：点要的字</source>
        <translation>Pinyin %1: tap the character you want</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/pinyin_input.py" line="184"/>
        <source>拼音 %1：没有对应的字</source>
        <translation>Pinyin %1: no character reads like that</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/pinyin_input.py" line="185"/>
        <source>也可以直接用字母作名称。</source>
        <translation>Letters alone can be a name too.</translation>
    </message>
</context>
<context>
    <name>CountdownOverlay</name>
    <message>
        <location filename="../../ipdesk/ui/kiosk/shell.py" line="139"/>
        <source>没有人操作。%1 秒后清除输入，回到首页。</source>
        <translation>Nobody is using the kiosk. In %1 s everything typed is cleared and the start screen returns.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/shell.py" line="140"/>
        <source>继续使用</source>
        <translation>Keep using</translation>
    </message>
</context>
<context>
    <name>GiFinderScreen</name>
    <message>
        <location filename="../../ipdesk/ui/kiosk/screens.py" line="275"/>
        <source>找地理标志</source>
        <translation>Find a GI</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/screens.py" line="276"/>
        <source>点字母输入拼音，如 wcdm</source>
        <translation>Tap letters to type pinyin, e.g. wcdm</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/screens.py" line="277"/>
        <source>要找的名称或拼音</source>
        <translation>Name or pinyin to find</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/screens.py" line="280"/>
        <source>例如：五常大米 = wcdm 或 wuchang；茶叶点“茶”。</source>
        <translation>For example: Wuchang rice = wcdm or wuchang; for tea tap &quot;茶&quot;.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/screens.py" line="301"/>
        <source>正在查找……</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/screens.py" line="321"/>
        <source>找到 %1 个，点一个看详情</source>
        <translation>%1 found. Tap one to see it.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/screens.py" line="323"/>
        <source>没有找到。请少输几个字母再试，或用“按地方查”。</source>
        <translation>Nothing found. Try fewer letters, or use &quot;By place&quot;.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/screens.py" line="318"/>
        <source>找到 %1 个，显示前 %2 个，请输入更多字缩小范围</source>
        <translation>%1 found; showing the first %2. Type more to narrow it down.</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../../ipdesk/ui/kiosk/screens.py" line="203"/>
        <source>未知</source>
        <translation>unknown</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/screens.py" line="205"/>
        <source>数据截至 %1 · 数据更新暂时失败，请联系工作人员</source>
        <translation>Data as of %1 · data updates are failing for now: please tell the staff</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/screens.py" line="207"/>
        <source>数据截至 %1 · 数据更新在无人使用时自动进行</source>
        <translation>Data as of %1 · updates run when nobody is using the kiosk</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/screens.py" line="212"/>
        <source>知识产权信息自助查询</source>
        <translation>IP information kiosk</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/screens.py" line="213"/>
        <source>请点一下下面的大按钮开始。</source>
        <translation>Tap one of the big buttons below to start.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/screens.py" line="214"/>
        <source>English</source>
        <translation>中文</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/screens.py" line="215"/>
        <source>管理</source>
        <translation>Admin</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/screens.py" line="217"/>
        <source>找地理标志</source>
        <translation>Find a GI</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/screens.py" line="217"/>
        <source>输入名称或拼音</source>
        <translation>Type a name or pinyin</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/screens.py" line="218"/>
        <source>按地方查</source>
        <translation>By place</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/screens.py" line="218"/>
        <source>点省、市、县、乡镇</source>
        <translation>Tap province, city, county, township</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/screens.py" line="221"/>
        <source>地理标志核查</source>
        <translation>GI check</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/screens.py" line="221"/>
        <source>我的产品能用吗</source>
        <translation>Can my product use a GI?</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/screens.py" line="222"/>
        <source>商标核查</source>
        <translation>Brand check</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/screens.py" line="222"/>
        <source>这个名称能注册吗</source>
        <translation>Can this name be registered?</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/screens.py" line="223"/>
        <source>农业专利</source>
        <translation>Patents</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/screens.py" line="223"/>
        <source>找种植养殖技术</source>
        <translation>Find farming techniques</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/screens.py" line="209"/>
        <source>数据截至 %1</source>
        <translation>Data as of %1</translation>
    </message>
</context>
<context>
    <name>KioskScreen</name>
    <message>
        <location filename="../../ipdesk/ui/kiosk/widgets.py" line="407"/>
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/widgets.py" line="408"/>
        <source>首页</source>
        <translation>Home</translation>
    </message>
</context>
<context>
    <name>KioskShell</name>
    <message>
        <location filename="../../ipdesk/ui/kiosk/shell.py" line="420"/>
        <source>知识产权信息自助查询</source>
        <translation>IP information kiosk</translation>
    </message>
</context>
<context>
    <name>OnScreenKeyboard</name>
    <message>
        <location filename="../../ipdesk/ui/kiosk/keyboard.py" line="123"/>
        <location filename="../../ipdesk/ui/kiosk/keyboard.py" line="124"/>
        <source>退格</source>
        <translation>Backspace</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/keyboard.py" line="125"/>
        <source>空格</source>
        <translation>Space</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/keyboard.py" line="126"/>
        <source>全部清除</source>
        <translation>Clear all</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/keyboard.py" line="127"/>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/keyboard.py" line="127"/>
        <source>查找</source>
        <translation>Search</translation>
    </message>
</context>
<context>
    <name>OutOfServiceWindow</name>
    <message>
        <location filename="../../ipdesk/ui/kiosk/out_of_service.py" line="218"/>
        <source>正在重试…</source>
        <translation>Trying again…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/out_of_service.py" line="239"/>
        <source>%1 再试了一次：仍然无法启动，原因见上面的诊断信息。</source>
        <translation>Tried again at %1: it still cannot start; the reason is in the diagnostics above.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/out_of_service.py" line="243"/>
        <source>仍然无法启动：%1</source>
        <translation>Still cannot start: %1</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/out_of_service.py" line="247"/>
        <source>选择 U 盘或文件夹</source>
        <translation>Choose a USB stick or a folder</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/out_of_service.py" line="255"/>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/out_of_service.py" line="261"/>
        <source>已保存：%1</source>
        <translation>Saved: %1</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/out_of_service.py" line="267"/>
        <source>无法保存：%1</source>
        <translation>Could not save: %1</translation>
    </message>
</context>
<context>
    <name>PlacePicker</name>
    <message>
        <location filename="../../ipdesk/ui/kiosk/place_picker.py" line="60"/>
        <source>地方列表</source>
        <translation>List of places</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/place_picker.py" line="118"/>
        <source>地方列表读取失败，请稍后再试。</source>
        <translation>The list of places could not be read. Please try again later.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/place_picker.py" line="209"/>
        <source>全国</source>
        <translation>China</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/place_picker.py" line="222"/>
        <source>这里没有乡镇可选。请点上面的按钮换一个地方。</source>
        <translation>There is no township here. Tap a button above to choose another place.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/place_picker.py" line="223"/>
        <source>这里没有下一级地方。请点“就选这里”。</source>
        <translation>There are no places below this one. Tap &quot;Choose this&quot;.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/place_picker.py" line="225"/>
        <source>第一步：点您所在的省</source>
        <translation>Step 1: tap your province</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/place_picker.py" line="225"/>
        <source>第二步：点您所在的市</source>
        <translation>Step 2: tap your city</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/place_picker.py" line="226"/>
        <source>第三步：点您所在的县（区、市）</source>
        <translation>Step 3: tap your county (district, city)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/place_picker.py" line="226"/>
        <source>第四步：点您所在的乡镇</source>
        <translation>Step 4: tap your township</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/place_picker.py" line="232"/>
        <source>就选这里：%1</source>
        <translation>Choose this: %1</translation>
    </message>
</context>
<context>
    <name>Printouts</name>
    <message>
        <location filename="../../ipdesk/ui/kiosk/printing.py" line="166"/>
        <source>国家知识产权局商标网上查询</source>
        <translation>CNIPA online trademark search</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/printing.py" line="170"/>
        <source>国家知识产权局中国专利公布公告</source>
        <translation>CNIPA patent publication search</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/printing.py" line="175"/>
        <source>数据截至：%1</source>
        <translation>Data as of: %1</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/printing.py" line="177"/>
        <source>来源：%1</source>
        <translation>Source: %1</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/printing.py" line="178"/>
        <source>打印时间：%1</source>
        <translation>Printed: %1</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/printing.py" line="179"/>
        <source>本单据由自助机根据离线数据生成，仅供参考；请以主管部门的公告和决定为准。</source>
        <translation>Printed by the kiosk from offline data, for guidance only; the authorities&apos; announcements and decisions prevail.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/printing.py" line="189"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/printing.py" line="190"/>
        <source>产品类别</source>
        <translation>Product category</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/printing.py" line="191"/>
        <source>申请人/持有人</source>
        <translation>Applicant / holder</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/printing.py" line="192"/>
        <source>保护范围</source>
        <translation>Protected area</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/printing.py" line="193"/>
        <source>公告号</source>
        <translation>Announcement no.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/printing.py" line="194"/>
        <source>商标注册号</source>
        <translation>Trademark reg. no.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/printing.py" line="195"/>
        <source>登记证书编号</source>
        <translation>Certificate no.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/printing.py" line="196"/>
        <source>登记/公告时间</source>
        <translation>Registered / announced</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/printing.py" line="197"/>
        <source>标准/技术规范</source>
        <translation>Standard / specification</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/printing.py" line="198"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/printing.py" line="200"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/printing.py" line="206"/>
        <source>保护范围内的行政区</source>
        <translation>Divisions in the protected area</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/printing.py" line="209"/>
        <source>扫码打开“%1”，输入注册号 %2 查询。</source>
        <translation>Scan to open &quot;%1&quot; and enter registration no. %2.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/printing.py" line="217"/>
        <source>%1的地理标志</source>
        <translation>GIs of %1</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/printing.py" line="219"/>
        <source>行政区划代码</source>
        <translation>Division code</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/printing.py" line="220"/>
        <source>找到</source>
        <translation>Found</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ipdesk/ui/kiosk/printing.py" line="220"/>
        <source>%n 个地理标志</source>
        <translation>
            <numerusform>%n GI</numerusform>
            <numerusform>%n GIs</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/printing.py" line="232"/>
        <source>——保护范围：%1</source>
        <translation> — protected area: %1</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/printing.py" line="237"/>
        <source>保护范围包括这里</source>
        <translation>Protected area includes this place</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/printing.py" line="239"/>
        <source>保护范围可能包括这里（粗略记录，请核实）</source>
        <translation>Protected area may include this place (recorded roughly: check)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/printing.py" line="241"/>
        <source>保护范围在这里的下级地方</source>
        <translation>Protected area lies in places below this one</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/printing.py" line="243"/>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/printing.py" line="243"/>
        <source>本机数据中没有保护范围包括这里的地理标志。</source>
        <translation>No GI in this kiosk&apos;s data has a protected area that includes this place.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/printing.py" line="248"/>
        <source>第 %1 页 / 共 %2 页</source>
        <translation>Page %1 of %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ipdesk/ui/kiosk/printing.py" line="265"/>
        <source>……另有 %n 条未列出。</source>
        <translation>
            <numerusform>… and %n more, not listed.</numerusform>
            <numerusform>… and %n more, not listed.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/printing.py" line="269"/>
        <location filename="../../ipdesk/ui/kiosk/printing.py" line="272"/>
        <source>完整名单</source>
        <translation>The whole list</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/printing.py" line="270"/>
        <source>本单据只列出一部分记录。完整名单（含公布号、申请人和日期）请工作人员在服务台打印报告。</source>
        <translation>This slip lists only some of the records. For the whole list (with publication numbers, applicants and dates), ask the staff to print the report at the service desk.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/printing.py" line="273"/>
        <source>本单据没有列出申请人和日期；需要时请工作人员在服务台打印完整报告。</source>
        <translation>This slip does not list the applicants and dates; if you need them, ask the staff to print the full report at the service desk.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/printing.py" line="279"/>
        <source>说明</source>
        <translation>Explanation</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/printing.py" line="281"/>
        <location filename="../../ipdesk/ui/kiosk/printing.py" line="308"/>
        <source>您的回答</source>
        <translation>Your answers</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/printing.py" line="283"/>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/printing.py" line="285"/>
        <source>去哪里办</source>
        <translation>Where to go</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/printing.py" line="287"/>
        <source>要带的材料</source>
        <translation>What to bring</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ipdesk/ui/kiosk/printing.py" line="317"/>
        <source>……另有 %n 件未打印，完整名单请问工作人员。</source>
        <translation>
            <numerusform>… and %n more, not printed: ask the staff for the whole list.</numerusform>
            <numerusform>… and %n more, not printed: ask the staff for the whole list.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/printing.py" line="322"/>
        <source>哪里可以咨询</source>
        <translation>Where to get advice</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/printing.py" line="323"/>
        <source>请到服务台找工作人员咨询，并可打印完整答复（含申请人、日期和法律依据）；也可以咨询县（市、区）知识产权局。</source>
        <translation>Ask the staff at the service desk, who can also print the full answer (with the applicants, dates and the law it rests on); or ask the county (city, district) IP office.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/printing.py" line="261"/>
        <source>相关记录</source>
        <translation>Related records</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/printing.py" line="293"/>
        <source>依据</source>
        <translation>Rules</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/printing.py" line="295"/>
        <location filename="../../ipdesk/ui/kiosk/printing.py" line="321"/>
        <source>注意</source>
        <translation>Please note</translation>
    </message>
</context>
<context>
    <name>RecordScreen</name>
    <message>
        <location filename="../../ipdesk/ui/kiosk/screens.py" line="368"/>
        <location filename="../../ipdesk/ui/kiosk/screens.py" line="383"/>
        <source>详情</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/screens.py" line="369"/>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/screens.py" line="396"/>
        <source>找不到这条记录。</source>
        <translation>This record was not found.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/screens.py" line="432"/>
        <source>正在打印…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/screens.py" line="440"/>
        <source>已送去打印，请在打印机处取单。</source>
        <translation>Sent to the printer. Please collect it there.</translation>
    </message>
</context>
<context>
    <name>ServiceScreen</name>
    <message>
        <location filename="../../ipdesk/ui/kiosk/out_of_service.py" line="86"/>
        <source>暂停服务：给技术人员</source>
        <translation>Out of service: for the technician</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/out_of_service.py" line="87"/>
        <source>本机因下面的原因暂停服务。排除问题后点“重试”；也可以把诊断信息和日志存到 U 盘带走。</source>
        <translation>This kiosk is out of service for the reason below. Once it is mended, tap Try again; you can also save the diagnostics and the log to a USB stick and take them with you.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/out_of_service.py" line="88"/>
        <source>重试</source>
        <translation>Try again</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/out_of_service.py" line="89"/>
        <source>保存到 U 盘…</source>
        <translation>Save to USB stick…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/out_of_service.py" line="90"/>
        <source>退出自助机</source>
        <translation>Exit the kiosk</translation>
    </message>
</context>
<context>
    <name>TouchWizardScreen</name>
    <message>
        <location filename="../../ipdesk/ui/kiosk/wizard_screens.py" line="554"/>
        <source>看结果</source>
        <translation>See the result</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/wizard_screens.py" line="565"/>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/wizard_screens.py" line="603"/>
        <source>正在查找……</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/wizard_screens.py" line="672"/>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/wizard_screens.py" line="673"/>
        <source>重新开始</source>
        <translation>Start again</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/wizard_screens.py" line="690"/>
        <source>请核对您的回答</source>
        <translation>Please check your answers</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/wizard_screens.py" line="691"/>
        <source>不对就点“返回”修改；对了就点“看结果”。</source>
        <translation>If something is wrong, tap &quot;Back&quot; to change it; if all is right, tap &quot;See the result&quot;.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/wizard_screens.py" line="713"/>
        <source>正在打印…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/kiosk/wizard_screens.py" line="721"/>
        <source>已送去打印，请在打印机处取单。</source>
        <translation>Sent to the printer. Please collect it there.</translation>
    </message>
</context>
<context>
    <name>TownshipPage</name>
    <message>
        <location filename="../../ipdesk/ui/kiosk/wizard_screens.py" line="449"/>
        <source>一步一步点您所在的省、市、县和乡镇。</source>
        <translation>Tap your province, city, county and township, one after the other.</translation>
    </message>
</context>
</TS>
