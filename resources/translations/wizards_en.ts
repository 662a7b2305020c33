<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>BrandCheckPage</name>
    <message>
        <location filename="../../ipdesk/ui/wizards/brand_wizard.py" line="55"/>
        <source>例如：某某香</source>
        <translation>e.g. a name you made up yourself</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/wizards/brand_wizard.py" line="56"/>
        <source>商标名称</source>
        <translation>Brand name</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/wizards/brand_wizard.py" line="68"/>
        <source>商品类别</source>
        <translation>Class of goods</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/wizards/brand_wizard.py" line="72"/>
        <source>第 %1 类：</source>
        <translation>Class %1: </translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/wizards/brand_wizard.py" line="76"/>
        <source>勾选您的商品所属的类似群（可多选；不确定可不选，将按整个类别从严比较）：</source>
        <translation>Tick the groups your goods belong to (several allowed; if unsure, leave them empty and the whole class is compared strictly):</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/wizards/brand_wizard.py" line="80"/>
        <source>类似群</source>
        <translation>Similar groups</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/wizards/brand_wizard.py" line="85"/>
        <source>商品产地（可选，用于判断能否使用地理标志名称）：</source>
        <translation>Where the goods come from (optional; decides whether a GI name may be used):</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/wizards/brand_wizard.py" line="90"/>
        <source>商品产地（可选）：乡镇</source>
        <translation>Origin of the goods (optional): township</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/wizards/brand_wizard.py" line="91"/>
        <source>用于判断能否使用地理标志名称。输入乡镇名称或12位代码，再从结果中点选。</source>
        <translation>Decides whether a GI name may be used. Type the township&apos;s name or 12-digit code, then pick it from the matches.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/wizards/brand_wizard.py" line="92"/>
        <source>商品产地的乡镇查找结果</source>
        <translation>Townships found for the origin of the goods</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/wizards/brand_wizard.py" line="140"/>
        <source>请选择商品类别。</source>
        <translation>Choose the class of goods.</translation>
    </message>
</context>
<context>
    <name>FlowPage</name>
    <message>
        <location filename="../../ipdesk/ui/wizards/base.py" line="494"/>
        <location filename="../../ipdesk/ui/wizards/base.py" line="723"/>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/wizards/base.py" line="504"/>
        <source>返回上一步（Alt+←）</source>
        <translation>Go back one step (Alt+Left)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/wizards/base.py" line="578"/>
        <source>服务对象</source>
        <translation>Client</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/wizards/base.py" line="577"/>
        <source>如：某某镇大米专业合作社</source>
        <translation>e.g. the rice growers&apos; cooperative of X township</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/wizards/base.py" line="93"/>
        <source>地理标志核查：我的产品能用地理标志吗</source>
        <translation>GI check: can my product use a GI?</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/wizards/base.py" line="94"/>
        <source>商标核查：这个品牌名称能注册吗</source>
        <translation>Brand check: can this name be registered?</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/wizards/base.py" line="95"/>
        <source>农业专利：种这个、用这个技术会不会侵犯专利</source>
        <translation>Patents: would this infringe a patent?</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/wizards/base.py" line="109"/>
        <source>一次只能选一项；用方向键换选项，按回车键选定并继续</source>
        <translation>Choose one; the arrow keys move the choice, Enter chooses it and goes on</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/wizards/base.py" line="502"/>
        <source>上一步(&amp;B)</source>
        <translation>&amp;Back</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/wizards/base.py" line="505"/>
        <source>重新开始(&amp;S)</source>
        <translation>&amp;Start again</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/wizards/base.py" line="507"/>
        <source>加入报告(&amp;A)</source>
        <translation>&amp;Add to report</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/wizards/base.py" line="509"/>
        <source>打开报告页(&amp;O)</source>
        <translation>&amp;Open reports</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/wizards/base.py" line="512"/>
        <location filename="../../ipdesk/ui/wizards/base.py" line="654"/>
        <source>下一步(&amp;N)</source>
        <translation>&amp;Next</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/wizards/base.py" line="515"/>
        <source>下一步：Ctrl+Enter 或 Alt+→；在选项或回答摘要上按回车键也可以</source>
        <translation>Next: Ctrl+Enter or Alt+Right; Enter on a choice or on the summary of your answers does it too</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/wizards/base.py" line="573"/>
        <source>服务对象(&amp;C)</source>
        <translation>&amp;Client</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/wizards/base.py" line="579"/>
        <source>选填：记入服务台账的服务对象。按回车键即记入服务台账。</source>
        <translation>Optional: whom the visit logged to the service record was for. Press Enter to log it.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/wizards/base.py" line="580"/>
        <source>选填。按回车键即记入服务台账。</source>
        <translation>Optional. Press Enter to log the visit to the service record.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/wizards/base.py" line="874"/>
        <source>如需修改，请按“上一步”。确认无误后按“查看结果”或回车键。</source>
        <translation>To change an answer, press &quot;Back&quot;. When all is right, press &quot;See the result&quot; or Enter.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/wizards/base.py" line="608"/>
        <source>您的回答</source>
        <translation>Your answers</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/wizards/base.py" line="743"/>
        <source>已记入服务台账（第 %1 条，服务对象：%2）。</source>
        <translation>Logged to the service record (entry %1, client: %2).</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/wizards/base.py" line="747"/>
        <source>正在分析……</source>
        <translation>Working it out…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/wizards/base.py" line="748"/>
        <source>已加入报告。可在“报告”页导出或打印。</source>
        <translation>Added to the report. Export or print it on the Reports page.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/wizards/base.py" line="749"/>
        <source>服务台账功能不可用。</source>
        <translation>The service record is not available.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/wizards/base.py" line="745"/>
        <source>已记入服务台账（第 %1 条）。</source>
        <translation>Logged to the service record (entry %1).</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/wizards/base.py" line="588"/>
        <source>记入服务台账(&amp;L)</source>
        <translation>&amp;Log to service record</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/wizards/base.py" line="654"/>
        <source>查看结果(&amp;R)</source>
        <translation>See the &amp;result</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/wizards/base.py" line="845"/>
        <source>填入“%1”</source>
        <translation>Use &quot;%1&quot;</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/wizards/base.py" line="846"/>
        <location filename="../../ipdesk/ui/wizards/base.py" line="847"/>
        <source>填入“报告”页上的服务对象：%1</source>
        <translation>Use the client typed on the Reports page: %1</translation>
    </message>
</context>
<context>
    <name>GiCheckPage</name>
    <message>
        <location filename="../../ipdesk/ui/wizards/gi_wizard.py" line="78"/>
        <source>例如：大米、龙井茶、苹果</source>
        <translation>e.g. 大米 (rice), 龙井茶 (Longjing tea), 苹果 (apples)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/wizards/gi_wizard.py" line="79"/>
        <source>产品名称</source>
        <translation>Product</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/wizards/gi_wizard.py" line="82"/>
        <source>匹配的地理标志（可选，点选一个）：</source>
        <translation>Matching GIs (optional, pick one):</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/wizards/gi_wizard.py" line="85"/>
        <source>地理标志建议</source>
        <translation>GI suggestions</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/wizards/gi_wizard.py" line="94"/>
        <source>乡镇名称或12位代码，如：五常镇 或 230184100000</source>
        <translation>Township name or 12-digit code, e.g. 五常镇 or 230184100000</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/wizards/gi_wizard.py" line="95"/>
        <source>乡镇</source>
        <translation>Township</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/wizards/gi_wizard.py" line="104"/>
        <source>乡镇查找结果</source>
        <translation>Townships found</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/wizards/gi_wizard.py" line="116"/>
        <source>或者逐级选择：</source>
        <translation>Or choose step by step:</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/wizards/gi_wizard.py" line="181"/>
        <source>正在查找乡镇……</source>
        <translation>Looking up the township…</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/wizards/gi_wizard.py" line="183"/>
        <source>请在“逐级选择”中一直选到乡镇一级。</source>
        <translation>In the step-by-step lists, choose down to the township.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/wizards/gi_wizard.py" line="185"/>
        <source>请在列表中点选一个乡镇。</source>
        <translation>Pick one township from the list.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/wizards/gi_wizard.py" line="328"/>
        <source>没有叫“%1”的乡镇。您是不是要找下面的乡镇？请点选确认。</source>
        <translation>No township is called &quot;%1&quot;. Did you mean one of those below? Pick it to confirm.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/wizards/gi_wizard.py" line="330"/>
        <source>“%1”是县级行政区，下面列出它的全部 %2 个乡镇，请点选一个。</source>
        <translation>&quot;%1&quot; is a county: all its %2 townships are listed below. Please choose one.</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/wizards/gi_wizard.py" line="333"/>
        <source>有 %1 个乡镇符合“%2”。请点选一个，或在前面加上县市名缩小范围，如 五常市 龙凤山镇。</source>
        <translation>%1 townships match &quot;%2&quot;. Choose one, or put the county or city first to narrow them (e.g. 五常市 龙凤山镇).</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/wizards/gi_wizard.py" line="360"/>
        <source>没有找到这个乡镇。请换个写法，或输入12位区划代码。</source>
        <translation>No such township found. Try another spelling or type its 12-digit code.</translation>
    </message>
</context>
<context>
    <name>PatentFinderPage</name>
    <message>
        <location filename="../../ipdesk/ui/wizards/patent_wizard.py" line="33"/>
        <source>例如：水稻、苹果、生猪</source>
        <translation>e.g. 水稻 (rice), 苹果 (apples), 生猪 (pigs)</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/wizards/patent_wizard.py" line="34"/>
        <source>作物或动物</source>
        <translation>Crop or animal</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/wizards/patent_wizard.py" line="39"/>
        <source>作物建议</source>
        <translation>Crop suggestions</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/wizards/patent_wizard.py" line="46"/>
        <source>不限</source>
        <translation>Any</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/wizards/patent_wizard.py" line="52"/>
        <source>附加关键词（可选），用空格分开</source>
        <translation>Extra keywords (optional), separated by spaces</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/wizards/patent_wizard.py" line="53"/>
        <source>关键词</source>
        <translation>Keywords</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/wizards/patent_wizard.py" line="57"/>
        <source>关键词：</source>
        <translation>Keywords:</translation>
    </message>
</context>
<context>
    <name>TownshipSearch</name>
    <message>
        <location filename="../../ipdesk/ui/wizards/base.py" line="151"/>
        <source>乡镇名称或12位代码</source>
        <translation>Township name or 12-digit code</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/wizards/base.py" line="152"/>
        <source>乡镇</source>
        <translation>Township</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/wizards/base.py" line="154"/>
        <source>乡镇查找结果</source>
        <translation>Townships found</translation>
    </message>
    <message>
        <location filename="../../ipdesk/ui/wizards/base.py" line="214"/>
        <source>没有叫“%1”的乡镇。您是不是要找下面的乡镇？请点选确认。</source>
        <translation>No township is called &quot;%1&quot;. Did you mean one of those below? Pick it to confirm.</translation>
    </message>
</context>
</TS>
