<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AdChecks</name>
    <message>
        <location filename="../pages/ad_checks.py" line="39"/>
        <source>{length} {unit}, the limit is {limit}</source>
        <translation>{length} {unit}，上限为 {limit}</translation>
    </message>
</context>
<context>
    <name>AdPreview</name>
    <message>
        <location filename="../widgets/ad_preview.py" line="50"/>
        <source>Sponsored</source>
        <translation>赞助</translation>
    </message>
</context>
<context>
    <name>AdStudioPage</name>
    <message>
        <location filename="../pages/ad_studio.py" line="43"/>
        <source>friendly</source>
        <translation>亲切</translation>
    </message>
    <message>
        <location filename="../pages/ad_studio.py" line="44"/>
        <source>premium</source>
        <translation>高端</translation>
    </message>
    <message>
        <location filename="../pages/ad_studio.py" line="45"/>
        <source>playful</source>
        <translation>活泼</translation>
    </message>
    <message>
        <location filename="../pages/ad_studio.py" line="46"/>
        <source>urgent</source>
        <translation>紧迫</translation>
    </message>
    <message>
        <location filename="../pages/ad_studio.py" line="47"/>
        <source>neutral</source>
        <translation>中性</translation>
    </message>
    <message>
        <location filename="../pages/ad_studio.py" line="72"/>
        <source>Write ad copy</source>
        <translation>撰写广告文案</translation>
    </message>
    <message>
        <location filename="../pages/ad_studio.py" line="75"/>
        <source>What to advertise</source>
        <translation>推广内容</translation>
    </message>
    <message>
        <location filename="../pages/ad_studio.py" line="79"/>
        <source>Products:</source>
        <translation>商品：</translation>
    </message>
    <message>
        <location filename="../pages/ad_studio.py" line="80"/>
        <source>Audience:</source>
        <translation>受众：</translation>
    </message>
    <message>
        <location filename="../pages/ad_studio.py" line="81"/>
        <source>Platform:</source>
        <translation>平台：</translation>
    </message>
    <message>
        <location filename="../pages/ad_studio.py" line="88"/>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <location filename="../pages/ad_studio.py" line="89"/>
        <source>Tone:</source>
        <translation>语气：</translation>
    </message>
    <message>
        <location filename="../pages/ad_studio.py" line="90"/>
        <source>Variants:</source>
        <translation>版本数：</translation>
    </message>
    <message>
        <location filename="../pages/ad_studio.py" line="113"/>
        <source>Ad text written for your product and audience, checked against each platform&apos;s rules.</source>
        <translation>为您的商品和受众撰写的广告文案，并按各平台规则检查。</translation>
    </message>
    <message>
        <location filename="../pages/ad_studio.py" line="124"/>
        <source>Ad studio</source>
        <translation>广告工作室</translation>
    </message>
    <message>
        <location filename="../pages/ad_studio.py" line="128"/>
        <source>Loading the studio</source>
        <translation>正在加载工作室</translation>
    </message>
    <message>
        <location filename="../pages/ad_studio.py" line="138"/>
        <source>Everyone</source>
        <translation>所有人</translation>
    </message>
    <message>
        <location filename="../pages/ad_studio.py" line="156"/>
        <source>Import orders first: the studio writes copy for your products.</source>
        <translation>请先导入订单：工作室会为您的商品撰写文案。</translation>
    </message>
    <message>
        <location filename="../pages/ad_studio.py" line="160"/>
        <source>Choose at least one product.</source>
        <translation>请至少选择一个商品。</translation>
    </message>
    <message>
        <location filename="../pages/ad_studio.py" line="165"/>
        <source>Writing... the first time, loading the copy model takes a little while.</source>
        <translation>正在撰写……首次加载文案模型需要一点时间。</translation>
    </message>
    <message>
        <location filename="../pages/ad_studio.py" line="168"/>
        <source>Writing ad copy</source>
        <translation>正在撰写广告文案</translation>
    </message>
    <message>
        <location filename="../pages/ad_studio.py" line="180"/>
        <source>Stopped after {done} of {asked} products; their copy is kept. {note}</source>
        <translation>已在 {asked} 个商品中的第 {done} 个之后停止；已写好的文案会保留。{note}</translation>
    </message>
    <message>
        <location filename="../pages/ad_studio.py" line="197"/>
        <source>(no product)</source>
        <translation>（无商品）</translation>
    </message>
    <message>
        <location filename="../pages/ad_studio.py" line="233"/>
        <source>Saving the edits</source>
        <translation>正在保存修改</translation>
    </message>
    <message>
        <location filename="../pages/ad_studio.py" line="239"/>
        <source>Saving the decision</source>
        <translation>正在保存决定</translation>
    </message>
</context>
<context>
    <name>AudienceBuilderBox</name>
    <message>
        <location filename="../pages/audience_builder.py" line="38"/>
        <source>Build an audience</source>
        <translation>创建受众</translation>
    </message>
    <message>
        <location filename="../pages/audience_builder.py" line="42"/>
        <source>People likely to buy a product</source>
        <translation>可能购买某件商品的人</translation>
    </message>
    <message>
        <location filename="../pages/audience_builder.py" line="43"/>
        <source>People likely to buy from a category</source>
        <translation>可能购买某个品类的人</translation>
    </message>
    <message>
        <location filename="../pages/audience_builder.py" line="44"/>
        <source>A customer segment</source>
        <translation>某个客户分群</translation>
    </message>
    <message>
        <location filename="../pages/audience_builder.py" line="45"/>
        <source>People like an existing audience</source>
        <translation>与现有受众相似的人</translation>
    </message>
    <message>
        <location filename="../pages/audience_builder.py" line="46"/>
        <source>People interested in a category</source>
        <translation>对某个品类感兴趣的人</translation>
    </message>
    <message>
        <location filename="../pages/audience_builder.py" line="47"/>
        <source>Good customers about to leave</source>
        <translation>即将流失的优质客户</translation>
    </message>
    <message>
        <location filename="../pages/audience_builder.py" line="56"/>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../pages/audience_builder.py" line="61"/>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location filename="../pages/audience_builder.py" line="62"/>
        <source>Build audience</source>
        <translation>创建受众</translation>
    </message>
    <message>
        <location filename="../pages/audience_builder.py" line="65"/>
        <source>Target:</source>
        <translation>目标：</translation>
    </message>
    <message>
        <location filename="../pages/audience_builder.py" line="66"/>
        <source>Which:</source>
        <translation>具体：</translation>
    </message>
    <message>
        <location filename="../pages/audience_builder.py" line="67"/>
        <source>Size:</source>
        <translation>人数：</translation>
    </message>
    <message>
        <location filename="../pages/audience_builder.py" line="68"/>
        <source>Leave out recent buyers of:</source>
        <translation>排除最近购买过的客户：</translation>
    </message>
    <message>
        <location filename="../pages/audience_builder.py" line="90"/>
        <source>{name} ({count} customers)</source>
        <translation>{name}（{count} 位客户）</translation>
    </message>
</context>
<context>
    <name>AudienceNames</name>
    <message>
        <location filename="../pages/audience_names.py" line="16"/>
        <source>champions</source>
        <translation>冠军客户</translation>
    </message>
    <message>
        <location filename="../pages/audience_names.py" line="17"/>
        <source>loyal</source>
        <translation>忠诚客户</translation>
    </message>
    <message>
        <location filename="../pages/audience_names.py" line="18"/>
        <source>potential loyalists</source>
        <translation>潜在忠诚客户</translation>
    </message>
    <message>
        <location filename="../pages/audience_names.py" line="19"/>
        <source>new customers</source>
        <translation>新客户</translation>
    </message>
    <message>
        <location filename="../pages/audience_names.py" line="20"/>
        <source>promising</source>
        <translation>有潜力客户</translation>
    </message>
    <message>
        <location filename="../pages/audience_names.py" line="21"/>
        <source>need attention</source>
        <translation>需要关注</translation>
    </message>
    <message>
        <location filename="../pages/audience_names.py" line="22"/>
        <source>about to sleep</source>
        <translation>即将沉睡</translation>
    </message>
    <message>
        <location filename="../pages/audience_names.py" line="23"/>
        <source>at risk</source>
        <translation>有流失风险</translation>
    </message>
    <message>
        <location filename="../pages/audience_names.py" line="24"/>
        <source>can&apos;t lose them</source>
        <translation>不能失去的客户</translation>
    </message>
    <message>
        <location filename="../pages/audience_names.py" line="25"/>
        <source>hibernating</source>
        <translation>沉睡客户</translation>
    </message>
    <message>
        <location filename="../pages/audience_names.py" line="26"/>
        <source>lost</source>
        <translation>已流失</translation>
    </message>
    <message>
        <location filename="../pages/audience_names.py" line="40"/>
        <source>RFM segment: {segment}</source>
        <translation>RFM 分群：{segment}</translation>
    </message>
</context>
<context>
    <name>AudiencesPage</name>
    <message>
        <location filename="../pages/audiences.py" line="77"/>
        <source>Your audiences:</source>
        <translation>您的受众：</translation>
    </message>
    <message>
        <location filename="../pages/audiences.py" line="80"/>
        <source>Build an audience or choose one on the left.</source>
        <translation>创建一个受众，或在左侧选择一个。</translation>
    </message>
    <message>
        <location filename="../pages/audiences.py" line="86"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../pages/audiences.py" line="86"/>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <location filename="../pages/audiences.py" line="86"/>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../pages/audiences.py" line="97"/>
        <source>Check how well targeting works</source>
        <translation>检验定向效果</translation>
    </message>
    <message>
        <location filename="../pages/audiences.py" line="102"/>
        <source>Pinpoint hides the most recent weeks of orders, builds audiences from the rest, and counts how many of the real buyers each audience caught.</source>
        <translation>Pinpoint 先隐藏最近几周的订单，用其余订单创建受众，再统计每个受众命中了多少真实购买者。</translation>
    </message>
    <message>
        <location filename="../pages/audiences.py" line="116"/>
        <source>Audience</source>
        <translation>受众</translation>
    </message>
    <message>
        <location filename="../pages/audiences.py" line="117"/>
        <source>Back-test</source>
        <translation>回测</translation>
    </message>
    <message>
        <location filename="../pages/audiences.py" line="128"/>
        <source>Groups of customers to show an ad to, each with the reason they are in it.</source>
        <translation>要展示广告的客户群体，每位客户都附有入选原因。</translation>
    </message>
    <message>
        <location filename="../pages/audiences.py" line="136"/>
        <source>Audiences</source>
        <translation>受众</translation>
    </message>
    <message>
        <location filename="../pages/audiences.py" line="140"/>
        <source>Loading audiences</source>
        <translation>正在加载受众</translation>
    </message>
    <message>
        <location filename="../pages/audiences.py" line="153"/>
        <source>{name}: {size} people</source>
        <translation>{name}：{size} 人</translation>
    </message>
    <message>
        <location filename="../pages/audiences.py" line="166"/>
        <source>Building the audience</source>
        <translation>正在创建受众</translation>
    </message>
    <message>
        <location filename="../pages/audiences.py" line="182"/>
        <source>Loading the audience</source>
        <translation>正在加载受众</translation>
    </message>
    <message>
        <location filename="../pages/audiences.py" line="191"/>
        <source>{name}: {size} people (from {candidates} candidates).</source>
        <translation>{name}：{size} 人（共 {candidates} 位候选）。</translation>
    </message>
    <message>
        <location filename="../pages/audiences.py" line="195"/>
        <source>Left out: {excluded}.</source>
        <translation>已排除：{excluded}。</translation>
    </message>
    <message>
        <location filename="../pages/audiences.py" line="215"/>
        <source>Back-testing the targeting</source>
        <translation>正在回测定向效果</translation>
    </message>
</context>
<context>
    <name>CheckPage</name>
    <message>
        <location filename="../wizards/import_run.py" line="46"/>
        <source>Check before importing</source>
        <translation>导入前检查</translation>
    </message>
    <message>
        <location filename="../wizards/import_run.py" line="49"/>
        <source>Pinpoint reads your files as the import will, without storing anything. Nothing is stored until you click Import.</source>
        <translation>Pinpoint 会像正式导入一样读取您的文件，但不保存任何内容。点击“导入”之前不会保存任何数据。</translation>
    </message>
    <message>
        <location filename="../wizards/import_run.py" line="54"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../wizards/import_run.py" line="77"/>
        <source>Checking the files</source>
        <translation>正在检查文件</translation>
    </message>
    <message>
        <location filename="../wizards/import_run.py" line="98"/>
        <source>✗ {file}: skipped. {problem}</source>
        <translation>✗ {file}：已跳过。{problem}</translation>
    </message>
    <message>
        <location filename="../wizards/import_run.py" line="118"/>
        <source>✓ {file} ({format}): {rows} rows read = {stored} to store ({orders} orders) + {duplicates} imported before + {rejected} set aside.</source>
        <translation>✓ {file}（{format}）：读取 {rows} 行 = 将保存 {stored} 行（{orders} 个订单）+ 之前已导入 {duplicates} 行 + 单独列出 {rejected} 行。</translation>
    </message>
    <message>
        <location filename="../wizards/import_run.py" line="129"/>
        <source>✗ {file}: cannot be imported. {message}</source>
        <translation>✗ {file}：无法导入。{message}</translation>
    </message>
    <message>
        <location filename="../wizards/import_run.py" line="136"/>
        <source>Rows set aside are listed below with the reason. Save them to fix them, or import now and add them later.</source>
        <translation>单独列出的行及原因见下方。可以保存下来修改，也可以现在导入、以后再补充。</translation>
    </message>
    <message>
        <location filename="../wizards/import_run.py" line="105"/>
        <source>✗ {file}: the layout was not recognised. Go back and choose one.</source>
        <translation>✗ {file}：无法识别文件格式。请返回上一步选择格式。</translation>
    </message>
</context>
<context>
    <name>CustomerDetailView</name>
    <message>
        <location filename="../pages/customer_detail_view.py" line="39"/>
        <source>Lives in:</source>
        <translation>所在地：</translation>
    </message>
    <message>
        <location filename="../pages/customer_detail_view.py" line="40"/>
        <source>Customer since:</source>
        <translation>首次购买：</translation>
    </message>
    <message>
        <location filename="../pages/customer_detail_view.py" line="41"/>
        <source>Value:</source>
        <translation>价值：</translation>
    </message>
    <message>
        <location filename="../pages/customer_detail_view.py" line="43"/>
        <source>No interests yet: build profiles on this page first.</source>
        <translation>还没有兴趣数据：请先在本页生成客户画像。</translation>
    </message>
    <message>
        <location filename="../pages/customer_detail_view.py" line="47"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../pages/customer_detail_view.py" line="47"/>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../pages/customer_detail_view.py" line="47"/>
        <source>Total</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../pages/customer_detail_view.py" line="47"/>
        <source>Items</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../pages/customer_detail_view.py" line="60"/>
        <source>Interests</source>
        <translation>兴趣</translation>
    </message>
    <message>
        <location filename="../pages/customer_detail_view.py" line="61"/>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../pages/customer_detail_view.py" line="62"/>
        <source>Why targeted</source>
        <translation>投放原因</translation>
    </message>
    <message>
        <location filename="../pages/customer_detail_view.py" line="72"/>
        <source>Choose a customer</source>
        <translation>请选择一位客户</translation>
    </message>
    <message>
        <location filename="../pages/customer_detail_view.py" line="81"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../pages/customer_detail_view.py" line="84"/>
        <source>{orders} orders</source>
        <translation>{orders} 笔订单</translation>
    </message>
    <message>
        <location filename="../pages/customer_detail_view.py" line="85"/>
        <source>{spent:,.2f} spent</source>
        <translation>累计消费 {spent:,.2f}</translation>
    </message>
    <message>
        <location filename="../pages/customer_detail_view.py" line="88"/>
        <source>expected value next year {clv:,.2f}</source>
        <translation>预计未来一年价值 {clv:,.2f}</translation>
    </message>
    <message>
        <location filename="../pages/customer_detail_view.py" line="90"/>
        <source>risk of leaving {risk:.0%}</source>
        <translation>流失风险 {risk:.0%}</translation>
    </message>
    <message>
        <location filename="../pages/customer_detail_view.py" line="100"/>
        <source>{total} (cancelled)</source>
        <translation>{total}（已取消）</translation>
    </message>
    <message>
        <location filename="../pages/customer_detail_view.py" line="109"/>
        <source>Segment: {segment}</source>
        <translation>客户分群：{segment}</translation>
    </message>
    <message>
        <location filename="../pages/customer_detail_view.py" line="117"/>
        <source>Not in any audience yet.</source>
        <translation>尚未加入任何受众。</translation>
    </message>
</context>
<context>
    <name>CustomersModel</name>
    <message>
        <location filename="../models/customers_model.py" line="54"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../models/customers_model.py" line="55"/>
        <source>Country</source>
        <translation>国家/地区</translation>
    </message>
    <message>
        <location filename="../models/customers_model.py" line="56"/>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../models/customers_model.py" line="57"/>
        <source>Spent</source>
        <translation>消费金额</translation>
    </message>
    <message>
        <location filename="../models/customers_model.py" line="58"/>
        <source>Last order</source>
        <translation>最近下单</translation>
    </message>
    <message>
        <location filename="../models/customers_model.py" line="59"/>
        <source>Top interest</source>
        <translation>主要兴趣</translation>
    </message>
</context>
<context>
    <name>CustomersPage</name>
    <message>
        <location filename="../pages/customers.py" line="72"/>
        <source>Search name, country or city</source>
        <translation>搜索姓名、国家或城市</translation>
    </message>
    <message>
        <location filename="../pages/customers.py" line="82"/>
        <source>Build profiles</source>
        <translation>生成客户画像</translation>
    </message>
    <message>
        <location filename="../pages/customers.py" line="84"/>
        <source>Learn every customer&apos;s interests from their orders (takes a minute or two)</source>
        <translation>根据订单了解每位客户的兴趣（需要一两分钟）</translation>
    </message>
    <message>
        <location filename="../pages/customers.py" line="105"/>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <location filename="../pages/customers.py" line="124"/>
        <source>Everyone who bought from you, what they like, and why Pinpoint targets them.</source>
        <translation>所有在您店里买过东西的客户、他们的喜好，以及 Pinpoint 选择投放他们的原因。</translation>
    </message>
    <message>
        <location filename="../pages/customers.py" line="132"/>
        <source>Customers &amp; profiles</source>
        <translation>客户与画像</translation>
    </message>
    <message>
        <location filename="../pages/customers.py" line="136"/>
        <source>Finding customers</source>
        <translation>正在查找客户</translation>
    </message>
    <message>
        <location filename="../pages/customers.py" line="144"/>
        <source>Loading audiences</source>
        <translation>正在加载受众</translation>
    </message>
    <message>
        <location filename="../pages/customers.py" line="153"/>
        <source>All customers</source>
        <translation>全部客户</translation>
    </message>
    <message>
        <location filename="../pages/customers.py" line="162"/>
        <source>Customers: {count}</source>
        <translation>客户：{count}</translation>
    </message>
    <message>
        <location filename="../pages/customers.py" line="172"/>
        <source>Loading the customer</source>
        <translation>正在加载客户信息</translation>
    </message>
    <message>
        <location filename="../pages/customers.py" line="180"/>
        <source>Building customer profiles</source>
        <translation>正在生成客户画像</translation>
    </message>
</context>
<context>
    <name>DetectPage</name>
    <message>
        <location filename="../wizards/import_pages.py" line="77"/>
        <source>What Pinpoint found</source>
        <translation>Pinpoint 识别的结果</translation>
    </message>
    <message>
        <location filename="../wizards/import_pages.py" line="79"/>
        <source>Check the detected format and the preview. Change the format if it is wrong.</source>
        <translation>请核对识别出的格式和预览。如有错误，请更改格式。</translation>
    </message>
    <message>
        <location filename="../wizards/import_pages.py" line="92"/>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <location filename="../wizards/import_pages.py" line="93"/>
        <source>Detected:</source>
        <translation>识别结果：</translation>
    </message>
    <message>
        <location filename="../wizards/import_pages.py" line="94"/>
        <source>Text:</source>
        <translation>文本：</translation>
    </message>
    <message>
        <location filename="../wizards/import_pages.py" line="95"/>
        <source>Import as:</source>
        <translation>导入为：</translation>
    </message>
    <message>
        <location filename="../wizards/import_pages.py" line="98"/>
        <source>Why:</source>
        <translation>依据：</translation>
    </message>
    <message>
        <location filename="../wizards/import_pages.py" line="104"/>
        <source>Reading the files...</source>
        <translation>正在读取文件……</translation>
    </message>
    <message>
        <location filename="../wizards/import_pages.py" line="107"/>
        <source>Reading the files</source>
        <translation>正在读取文件</translation>
    </message>
    <message>
        <location filename="../wizards/import_pages.py" line="127"/>
        <source>As detected</source>
        <translation>按识别结果</translation>
    </message>
    <message>
        <location filename="../wizards/import_pages.py" line="132"/>
        <source>Another layout: I will match the columns myself</source>
        <translation>其他格式：我自己对应各列</translation>
    </message>
    <message>
        <location filename="../wizards/import_pages.py" line="150"/>
        <source>This file cannot be imported.</source>
        <translation>此文件无法导入。</translation>
    </message>
    <message>
        <location filename="../wizards/import_pages.py" line="157"/>
        <source>{percent}% sure</source>
        <translation>把握 {percent}%</translation>
    </message>
    <message>
        <location filename="../wizards/import_pages.py" line="160"/>
        <source>{encoding}, columns separated by {delimiter}, header on line {line}</source>
        <translation>{encoding}，列以{delimiter}分隔，表头在第 {line} 行</translation>
    </message>
    <message>
        <location filename="../wizards/import_pages.py" line="179"/>
        <source>commas</source>
        <translation>逗号</translation>
    </message>
    <message>
        <location filename="../wizards/import_pages.py" line="179"/>
        <source>semicolons</source>
        <translation>分号</translation>
    </message>
    <message>
        <location filename="../wizards/import_pages.py" line="179"/>
        <source>tabs</source>
        <translation>制表符</translation>
    </message>
</context>
<context>
    <name>ExportPage</name>
    <message>
        <location filename="../pages/export_page.py" line="46"/>
        <source>Platforms</source>
        <translation>平台</translation>
    </message>
    <message>
        <location filename="../pages/export_page.py" line="50"/>
        <source>Choose...</source>
        <translation>选择……</translation>
    </message>
    <message>
        <location filename="../pages/export_page.py" line="56"/>
        <source>Leave out ads and rows with problems instead of stopping</source>
        <translation>跳过有问题的广告和行，而不是停止</translation>
    </message>
    <message>
        <location filename="../pages/export_page.py" line="58"/>
        <source>What to export</source>
        <translation>导出内容</translation>
    </message>
    <message>
        <location filename="../pages/export_page.py" line="60"/>
        <source>Customer list from:</source>
        <translation>客户名单来源：</translation>
    </message>
    <message>
        <location filename="../pages/export_page.py" line="61"/>
        <source>Save into:</source>
        <translation>保存到：</translation>
    </message>
    <message>
        <location filename="../pages/export_page.py" line="63"/>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <location filename="../pages/export_page.py" line="65"/>
        <source>Write files</source>
        <translation>生成文件</translation>
    </message>
    <message>
        <location filename="../pages/export_page.py" line="68"/>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <location filename="../pages/export_page.py" line="78"/>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <location filename="../pages/export_page.py" line="78"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../pages/export_page.py" line="78"/>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <location filename="../pages/export_page.py" line="91"/>
        <source>Files your ad platforms accept, checked against their rules before they are written.</source>
        <translation>广告平台可接受的文件，生成前会按平台规则检查。</translation>
    </message>
    <message>
        <location filename="../pages/export_page.py" line="103"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../pages/export_page.py" line="110"/>
        <source>Loading export options</source>
        <translation>正在加载导出选项</translation>
    </message>
    <message>
        <location filename="../pages/export_page.py" line="124"/>
        <source>All customers who agreed to marketing</source>
        <translation>所有同意接收营销信息的客户</translation>
    </message>
    <message>
        <location filename="../pages/export_page.py" line="137"/>
        <location filename="../pages/export_page.py" line="165"/>
        <source>Choose at least one platform.</source>
        <translation>请至少选择一个平台。</translation>
    </message>
    <message>
        <location filename="../pages/export_page.py" line="140"/>
        <source>Checking the export</source>
        <translation>正在检查导出内容</translation>
    </message>
    <message>
        <location filename="../pages/export_page.py" line="154"/>
        <source>No problems found: the files are ready to write.</source>
        <translation>未发现问题：可以生成文件了。</translation>
    </message>
    <message>
        <location filename="../pages/export_page.py" line="157"/>
        <source>Problems that stop a file: {errors}. Warnings: {warnings}.</source>
        <translation>会阻止写入文件的问题：{errors}。警告：{warnings}。</translation>
    </message>
    <message>
        <location filename="../pages/export_page.py" line="170"/>
        <source>Writing export files</source>
        <translation>正在生成导出文件</translation>
    </message>
    <message>
        <location filename="../pages/export_page.py" line="185"/>
        <source>✓ {platform}: {rows} rows in {files}</source>
        <translation>✓ {platform}：{files} 中共 {rows} 行</translation>
    </message>
    <message>
        <location filename="../pages/export_page.py" line="191"/>
        <source>✗ {platform}: not written, see the problems below.</source>
        <translation>✗ {platform}：未生成，请查看下方问题。</translation>
    </message>
    <message>
        <location filename="../pages/export_page.py" line="200"/>
        <source>Save export files into</source>
        <translation>导出文件保存到</translation>
    </message>
</context>
<context>
    <name>FilesPage</name>
    <message>
        <location filename="../wizards/import_pages.py" line="33"/>
        <source>Choose your export files</source>
        <translation>选择导出文件</translation>
    </message>
    <message>
        <location filename="../wizards/import_pages.py" line="36"/>
        <source>Drag order exports here, or click Add files. Add companion files together (for example Etsy&apos;s orders and sold-items files).</source>
        <translation>把订单导出文件拖到这里，或点击&quot;添加文件&quot;。配套文件请一起添加（例如 Etsy 的订单文件和已售商品文件）。</translation>
    </message>
    <message>
        <location filename="../wizards/import_pages.py" line="42"/>
        <source>Add files...</source>
        <translation>添加文件……</translation>
    </message>
    <message>
        <location filename="../wizards/import_pages.py" line="44"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../wizards/import_pages.py" line="56"/>
        <source>Choose export files</source>
        <translation>选择导出文件</translation>
    </message>
    <message>
        <location filename="../wizards/import_pages.py" line="57"/>
        <source>Exports (*.csv *.tsv *.txt *.xlsx);;All files (*)</source>
        <translation>导出文件 (*.csv *.tsv *.txt *.xlsx);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>ImportPage</name>
    <message>
        <location filename="../pages/import_page.py" line="42"/>
        <source>Import files...</source>
        <translation>导入文件……</translation>
    </message>
    <message>
        <location filename="../pages/import_page.py" line="49"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../pages/import_page.py" line="49"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../pages/import_page.py" line="49"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../pages/import_page.py" line="49"/>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../pages/import_page.py" line="50"/>
        <source>Rows set aside</source>
        <translation>未导入的行</translation>
    </message>
    <message>
        <location filename="../pages/import_page.py" line="50"/>
        <source>Imported on</source>
        <translation>导入时间</translation>
    </message>
    <message>
        <location filename="../pages/import_page.py" line="61"/>
        <source>Bring in order exports from your shop. Importing the same file again adds only what is new.</source>
        <translation>导入店铺的订单导出文件。重复导入同一文件只会添加新增内容。</translation>
    </message>
    <message>
        <location filename="../pages/import_page.py" line="71"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../pages/import_page.py" line="75"/>
        <source>Loading imports</source>
        <translation>正在加载导入记录</translation>
    </message>
    <message>
        <location filename="../pages/import_page.py" line="80"/>
        <source>Imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <location filename="../pages/import_page.py" line="81"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../pages/import_page.py" line="82"/>
        <source>Running</source>
        <translation>进行中</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../wizards/import_wizard.py" line="24"/>
        <source>Import orders</source>
        <translation>导入订单</translation>
    </message>
</context>
<context>
    <name>LiftChart</name>
    <message>
        <location filename="../widgets/lift_chart.py" line="33"/>
        <source>Pinpoint</source>
        <translation>Pinpoint</translation>
    </message>
    <message>
        <location filename="../widgets/lift_chart.py" line="34"/>
        <source>Best customers (RFM)</source>
        <translation>最佳客户（RFM）</translation>
    </message>
    <message>
        <location filename="../widgets/lift_chart.py" line="35"/>
        <source>Random</source>
        <translation>随机</translation>
    </message>
    <message>
        <location filename="../widgets/lift_chart.py" line="50"/>
        <source>Top {percent}%</source>
        <translation>前 {percent}%</translation>
    </message>
    <message>
        <location filename="../widgets/lift_chart.py" line="55"/>
        <source>Real buyers caught vs. random</source>
        <translation>命中真实购买者（相对随机）</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="57"/>
        <source>Pinpoint</source>
        <translation>Pinpoint</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="99"/>
        <source>Ctrl+{number}</source>
        <translation>Ctrl+{number}</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <location filename="../wizards/mapping_page.py" line="36"/>
        <source>Order number</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location filename="../wizards/mapping_page.py" line="37"/>
        <source>Order date</source>
        <translation>下单日期</translation>
    </message>
    <message>
        <location filename="../wizards/mapping_page.py" line="38"/>
        <source>Product name</source>
        <translation>商品名称</translation>
    </message>
    <message>
        <location filename="../wizards/mapping_page.py" line="39"/>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../wizards/mapping_page.py" line="40"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../wizards/mapping_page.py" line="41"/>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <location filename="../wizards/mapping_page.py" line="42"/>
        <source>Customer id</source>
        <translation>客户编号</translation>
    </message>
    <message>
        <location filename="../wizards/mapping_page.py" line="43"/>
        <source>Email</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <location filename="../wizards/mapping_page.py" line="44"/>
        <source>Customer name</source>
        <translation>客户姓名</translation>
    </message>
    <message>
        <location filename="../wizards/mapping_page.py" line="45"/>
        <source>Country</source>
        <translation>国家/地区</translation>
    </message>
    <message>
        <location filename="../wizards/mapping_page.py" line="46"/>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <location filename="../wizards/mapping_page.py" line="47"/>
        <source>Order status</source>
        <translation>订单状态</translation>
    </message>
    <message>
        <location filename="../wizards/mapping_page.py" line="48"/>
        <source>Order total</source>
        <translation>订单金额</translation>
    </message>
    <message>
        <location filename="../wizards/mapping_page.py" line="64"/>
        <source>Match your columns</source>
        <translation>对应各列</translation>
    </message>
    <message>
        <location filename="../wizards/mapping_page.py" line="66"/>
        <source>Tell Pinpoint which column holds what. Fields marked * are needed.</source>
        <translation>告诉 Pinpoint 每一列是什么内容。标 * 的字段为必填。</translation>
    </message>
    <message>
        <location filename="../wizards/mapping_page.py" line="80"/>
        <source>Detect automatically</source>
        <translation>自动识别</translation>
    </message>
    <message>
        <location filename="../wizards/mapping_page.py" line="81"/>
        <source>Numbers use a decimal comma (12,50)</source>
        <translation>数字使用逗号作小数点（12,50）</translation>
    </message>
    <message>
        <location filename="../wizards/mapping_page.py" line="83"/>
        <source>e.g. EUR, when no column holds it</source>
        <translation>例如 EUR（文件中没有币种列时填写）</translation>
    </message>
    <message>
        <location filename="../wizards/mapping_page.py" line="85"/>
        <source>Dates are written:</source>
        <translation>日期格式：</translation>
    </message>
    <message>
        <location filename="../wizards/mapping_page.py" line="87"/>
        <source>Currency:</source>
        <translation>币种：</translation>
    </message>
    <message>
        <location filename="../wizards/mapping_page.py" line="105"/>
        <source>(not in this file)</source>
        <translation>（文件中没有）</translation>
    </message>
</context>
<context>
    <name>PerformancePage</name>
    <message>
        <location filename="../pages/performance.py" line="53"/>
        <source>Import a report...</source>
        <translation>导入报告……</translation>
    </message>
    <message>
        <location filename="../pages/performance.py" line="58"/>
        <location filename="../pages/performance.py" line="79"/>
        <source>Impressions</source>
        <translation>展示次数</translation>
    </message>
    <message>
        <location filename="../pages/performance.py" line="59"/>
        <location filename="../pages/performance.py" line="79"/>
        <location filename="../pages/performance.py" line="169"/>
        <source>Clicks</source>
        <translation>点击次数</translation>
    </message>
    <message>
        <location filename="../pages/performance.py" line="60"/>
        <location filename="../pages/performance.py" line="79"/>
        <source>Click rate</source>
        <translation>点击率</translation>
    </message>
    <message>
        <location filename="../pages/performance.py" line="61"/>
        <location filename="../pages/performance.py" line="80"/>
        <location filename="../pages/performance.py" line="169"/>
        <source>Cost</source>
        <translation>花费</translation>
    </message>
    <message>
        <location filename="../pages/performance.py" line="62"/>
        <source>Conversions</source>
        <translation>转化次数</translation>
    </message>
    <message>
        <location filename="../pages/performance.py" line="63"/>
        <location filename="../pages/performance.py" line="80"/>
        <source>Return on ad spend</source>
        <translation>广告支出回报</translation>
    </message>
    <message>
        <location filename="../pages/performance.py" line="71"/>
        <source>Results over time appear when a report has a Day column (choose Segment › Day when exporting).</source>
        <translation>报告包含&quot;天&quot;列时会显示随时间的变化（导出时选择 细分 › 天）。</translation>
    </message>
    <message>
        <location filename="../pages/performance.py" line="79"/>
        <source>Campaign</source>
        <translation>广告系列</translation>
    </message>
    <message>
        <location filename="../pages/performance.py" line="80"/>
        <source>Cost per sale</source>
        <translation>每笔成交花费</translation>
    </message>
    <message>
        <location filename="../pages/performance.py" line="104"/>
        <source>How your ads did, from the reports your ad platforms export.</source>
        <translation>根据广告平台导出的报告查看广告效果。</translation>
    </message>
    <message>
        <location filename="../pages/performance.py" line="111"/>
        <source>Compare two ads (A/B test)</source>
        <translation>比较两条广告（A/B 测试）</translation>
    </message>
    <message>
        <location filename="../pages/performance.py" line="114"/>
        <source>click rate</source>
        <translation>点击率</translation>
    </message>
    <message>
        <location filename="../pages/performance.py" line="115"/>
        <source>conversion rate</source>
        <translation>转化率</translation>
    </message>
    <message>
        <location filename="../pages/performance.py" line="116"/>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <location filename="../pages/performance.py" line="121"/>
        <source>A:</source>
        <translation>A：</translation>
    </message>
    <message>
        <location filename="../pages/performance.py" line="123"/>
        <source>B:</source>
        <translation>B：</translation>
    </message>
    <message>
        <location filename="../pages/performance.py" line="133"/>
        <source>Performance</source>
        <translation>广告效果</translation>
    </message>
    <message>
        <location filename="../pages/performance.py" line="137"/>
        <source>Loading performance</source>
        <translation>正在加载广告效果</translation>
    </message>
    <message>
        <location filename="../pages/performance.py" line="147"/>
        <source>No reports yet. Export a report from Google Ads or Meta Ads Manager and import it here.</source>
        <translation>还没有报告。请从 Google Ads 或 Meta 广告管理工具导出报告，然后在这里导入。</translation>
    </message>
    <message>
        <location filename="../pages/performance.py" line="153"/>
        <source>Reports imported: {count}.</source>
        <translation>已导入报告：{count}。</translation>
    </message>
    <message>
        <location filename="../pages/performance.py" line="161"/>
        <source>{cpa:,.2f} per sale</source>
        <translation>每笔成交 {cpa:,.2f}</translation>
    </message>
    <message>
        <location filename="../pages/performance.py" line="196"/>
        <source>Choose a performance report</source>
        <translation>选择广告效果报告</translation>
    </message>
    <message>
        <location filename="../pages/performance.py" line="198"/>
        <source>Reports (*.csv *.tsv *.xlsx);;All files (*)</source>
        <translation>报告 (*.csv *.tsv *.xlsx);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../pages/performance.py" line="206"/>
        <source>Importing {file}</source>
        <translation>正在导入 {file}</translation>
    </message>
    <message>
        <location filename="../pages/performance.py" line="214"/>
        <source>{file}: {rows} rows, {matched} matched to your campaigns.</source>
        <translation>{file}：{rows} 行，其中 {matched} 行与您的广告系列对应。</translation>
    </message>
    <message>
        <location filename="../pages/performance.py" line="226"/>
        <source>Comparing</source>
        <translation>正在比较</translation>
    </message>
</context>
<context>
    <name>ProductPicker</name>
    <message>
        <location filename="../widgets/product_picker.py" line="39"/>
        <source>Search products</source>
        <translation>搜索商品</translation>
    </message>
    <message>
        <location filename="../widgets/product_picker.py" line="125"/>
        <source>Choose products...</source>
        <translation>选择商品...</translation>
    </message>
    <message>
        <location filename="../widgets/product_picker.py" line="129"/>
        <source>{first} and {more} more</source>
        <translation>{first} 等另外 {more} 个</translation>
    </message>
</context>
<context>
    <name>RejectedRowsPanel</name>
    <message>
        <location filename="../wizards/rejected_rows.py" line="48"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../wizards/rejected_rows.py" line="49"/>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../wizards/rejected_rows.py" line="50"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../wizards/rejected_rows.py" line="51"/>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location filename="../wizards/rejected_rows.py" line="52"/>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../wizards/rejected_rows.py" line="53"/>
        <source>Original row</source>
        <translation>原始行</translation>
    </message>
    <message>
        <location filename="../wizards/rejected_rows.py" line="58"/>
        <source>Save rejected rows as CSV...</source>
        <translation>将被拒绝的行保存为 CSV...</translation>
    </message>
    <message>
        <location filename="../wizards/rejected_rows.py" line="82"/>
        <source>Save rejected rows</source>
        <translation>保存被拒绝的行</translation>
    </message>
</context>
<context>
    <name>ResultPage</name>
    <message>
        <location filename="../wizards/import_run.py" line="244"/>
        <source>What was imported</source>
        <translation>导入结果</translation>
    </message>
    <message>
        <location filename="../wizards/import_run.py" line="246"/>
        <source>Rows set aside are listed with the reason; save them to fix and import again.</source>
        <translation>未导入的行会连同原因列出；可保存下来修改后再次导入。</translation>
    </message>
    <message>
        <location filename="../wizards/import_run.py" line="265"/>
        <source>{file}: {orders} orders ({lines} order lines) stored, {duplicates} rows already imported before, {rejected} rows set aside.</source>
        <translation>{file}：已保存 {orders} 笔订单（{lines} 个订单行），{duplicates} 行之前已导入，{rejected} 行未导入。</translation>
    </message>
    <message>
        <location filename="../wizards/import_run.py" line="277"/>
        <source>{file}: not imported. {message}</source>
        <translation>{file}：未导入。{message}</translation>
    </message>
</context>
<context>
    <name>RunPage</name>
    <message>
        <location filename="../wizards/import_run.py" line="173"/>
        <source>Importing</source>
        <translation>正在导入</translation>
    </message>
    <message>
        <location filename="../wizards/import_run.py" line="175"/>
        <source>You can stop at any time; a stopped import leaves your data as it was.</source>
        <translation>可以随时停止；停止的导入不会改动您的数据。</translation>
    </message>
    <message>
        <location filename="../wizards/import_run.py" line="181"/>
        <source>Stop the import</source>
        <translation>停止导入</translation>
    </message>
    <message>
        <location filename="../wizards/import_run.py" line="195"/>
        <source>Starting...</source>
        <translation>正在开始……</translation>
    </message>
    <message>
        <location filename="../wizards/import_run.py" line="199"/>
        <source>Importing orders</source>
        <translation>正在导入订单</translation>
    </message>
    <message>
        <location filename="../wizards/import_run.py" line="212"/>
        <source>Stopping...</source>
        <translation>正在停止……</translation>
    </message>
    <message>
        <location filename="../wizards/import_run.py" line="222"/>
        <source>Done.</source>
        <translation>完成。</translation>
    </message>
    <message>
        <location filename="../wizards/import_run.py" line="232"/>
        <source>The import was stopped. Nothing was stored.</source>
        <translation>导入已停止，未保存任何内容。</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../pages/settings.py" line="49"/>
        <source>Changes are saved as you make them.</source>
        <translation>更改会立即保存。</translation>
    </message>
    <message>
        <location filename="../pages/settings.py" line="58"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../pages/settings.py" line="63"/>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <location filename="../pages/settings.py" line="66"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../pages/settings.py" line="70"/>
        <source>Use another folder...</source>
        <translation>使用其他文件夹……</translation>
    </message>
    <message>
        <location filename="../pages/settings.py" line="79"/>
        <source>Computing device for the AI models</source>
        <translation>AI 模型使用的计算设备</translation>
    </message>
    <message>
        <location filename="../pages/settings.py" line="81"/>
        <source>Automatic (best available)</source>
        <translation>自动（选择最佳设备）</translation>
    </message>
    <message>
        <location filename="../pages/settings.py" line="82"/>
        <source>Processor (CPU)</source>
        <translation>处理器（CPU）</translation>
    </message>
    <message>
        <location filename="../pages/settings.py" line="83"/>
        <source>Graphics card (CUDA)</source>
        <translation>显卡（CUDA）</translation>
    </message>
    <message>
        <location filename="../pages/settings.py" line="86"/>
        <source>Checking this computer...</source>
        <translation>正在检查这台电脑……</translation>
    </message>
    <message>
        <location filename="../pages/settings.py" line="89"/>
        <source>Use:</source>
        <translation>使用：</translation>
    </message>
    <message>
        <location filename="../pages/settings.py" line="90"/>
        <source>Detected:</source>
        <translation>识别结果：</translation>
    </message>
    <message>
        <location filename="../pages/settings.py" line="94"/>
        <source>Ad copy model</source>
        <translation>广告文案模型</translation>
    </message>
    <message>
        <location filename="../pages/settings.py" line="95"/>
        <source>The model that comes with Pinpoint</source>
        <translation>Pinpoint 自带的模型</translation>
    </message>
    <message>
        <location filename="../pages/settings.py" line="96"/>
        <source>A model folder on this computer:</source>
        <translation>这台电脑上的模型文件夹：</translation>
    </message>
    <message>
        <location filename="../pages/settings.py" line="102"/>
        <source>a folder with config.json and the weights</source>
        <translation>包含 config.json 和权重文件的文件夹</translation>
    </message>
    <message>
        <location filename="../pages/settings.py" line="103"/>
        <source>Choose...</source>
        <translation>选择……</translation>
    </message>
    <message>
        <location filename="../pages/settings.py" line="108"/>
        <source>Allow Pinpoint to download models from the internet when I ask it to</source>
        <translation>在我要求时允许 Pinpoint 从互联网下载模型</translation>
    </message>
    <message>
        <location filename="../pages/settings.py" line="123"/>
        <source>Language and appearance</source>
        <translation>语言和外观</translation>
    </message>
    <message>
        <location filename="../pages/settings.py" line="133"/>
        <source>Pinpoint follows your system&apos;s light or dark theme.</source>
        <translation>Pinpoint 跟随系统的浅色或深色主题。</translation>
    </message>
    <message>
        <location filename="../pages/settings.py" line="135"/>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <location filename="../pages/settings.py" line="137"/>
        <source>Theme:</source>
        <translation>主题：</translation>
    </message>
    <message>
        <location filename="../pages/settings.py" line="146"/>
        <source>Checking this computer</source>
        <translation>正在检查这台电脑</translation>
    </message>
    <message>
        <location filename="../pages/settings.py" line="153"/>
        <source>The AI toolkit is not installed; Pinpoint will use the processor.</source>
        <translation>未安装 AI 工具包；Pinpoint 将使用处理器。</translation>
    </message>
    <message>
        <location filename="../pages/settings.py" line="155"/>
        <source>Graphics card: {name} ({memory} GB). PyTorch {version}.</source>
        <translation>显卡：{name}（{memory} GB）。PyTorch {version}。</translation>
    </message>
    <message>
        <location filename="../pages/settings.py" line="160"/>
        <source>No supported graphics card found; the processor will be used. PyTorch {version}.</source>
        <translation>未找到受支持的显卡，将使用处理器。PyTorch {version}。</translation>
    </message>
    <message>
        <location filename="../pages/settings.py" line="182"/>
        <source>Choose a model folder</source>
        <translation>选择模型文件夹</translation>
    </message>
    <message>
        <location filename="../pages/settings.py" line="186"/>
        <source>{folder} has no config.json, so it is not a model folder.</source>
        <translation>{folder} 中没有 config.json，不是模型文件夹。</translation>
    </message>
    <message>
        <location filename="../pages/settings.py" line="187"/>
        <source>Not a model folder</source>
        <translation>不是模型文件夹</translation>
    </message>
    <message>
        <location filename="../pages/settings.py" line="197"/>
        <source>The new language is used the next time Pinpoint starts.</source>
        <translation>下次启动 Pinpoint 时使用新语言。</translation>
    </message>
    <message>
        <location filename="../pages/settings.py" line="201"/>
        <source>Choose a data folder</source>
        <translation>选择数据文件夹</translation>
    </message>
    <message>
        <location filename="../pages/settings.py" line="205"/>
        <source>Pinpoint will restart and use {folder}. Your current data stays where it is.</source>
        <translation>Pinpoint 将重新启动并使用 {folder}。现有数据保留在原位置。</translation>
    </message>
    <message>
        <location filename="../pages/settings.py" line="208"/>
        <source>Restart Pinpoint?</source>
        <translation>重新启动 Pinpoint？</translation>
    </message>
</context>
<context>
    <name>TaskBar</name>
    <message>
        <location filename="../widgets/task_bar.py" line="22"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../widgets/task_bar.py" line="62"/>
        <source>Stopping...</source>
        <translation>正在停止……</translation>
    </message>
</context>
<context>
    <name>VariantEditor</name>
    <message>
        <location filename="../widgets/variant_editor.py" line="28"/>
        <source>overall</source>
        <translation>综合</translation>
    </message>
    <message>
        <location filename="../widgets/variant_editor.py" line="29"/>
        <source>keywords used</source>
        <translation>关键词覆盖</translation>
    </message>
    <message>
        <location filename="../widgets/variant_editor.py" line="30"/>
        <source>readability</source>
        <translation>易读性</translation>
    </message>
    <message>
        <location filename="../widgets/variant_editor.py" line="31"/>
        <source>positive tone</source>
        <translation>积极语气</translation>
    </message>
    <message>
        <location filename="../widgets/variant_editor.py" line="32"/>
        <source>variety</source>
        <translation>多样性</translation>
    </message>
    <message>
        <location filename="../widgets/variant_editor.py" line="33"/>
        <source>facts supported</source>
        <translation>事实有据</translation>
    </message>
    <message>
        <location filename="../widgets/variant_editor.py" line="34"/>
        <source>written by the model</source>
        <translation>模型撰写</translation>
    </message>
    <message>
        <location filename="../widgets/variant_editor.py" line="37"/>
        <source>headline</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../widgets/variant_editor.py" line="38"/>
        <source>description</source>
        <translation>描述</translation>
    </message>
    <message>
        <location filename="../widgets/variant_editor.py" line="39"/>
        <source>path</source>
        <translation>路径</translation>
    </message>
    <message>
        <location filename="../widgets/variant_editor.py" line="40"/>
        <source>primary text</source>
        <translation>正文</translation>
    </message>
    <message>
        <location filename="../widgets/variant_editor.py" line="41"/>
        <source>title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../widgets/variant_editor.py" line="42"/>
        <source>keyword</source>
        <translation>关键词</translation>
    </message>
    <message>
        <location filename="../widgets/variant_editor.py" line="60"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../widgets/variant_editor.py" line="60"/>
        <source>Text (double-click to edit)</source>
        <translation>文字（双击编辑）</translation>
    </message>
    <message>
        <location filename="../widgets/variant_editor.py" line="60"/>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <location filename="../widgets/variant_editor.py" line="68"/>
        <source>Save edits</source>
        <translation>保存修改</translation>
    </message>
    <message>
        <location filename="../widgets/variant_editor.py" line="70"/>
        <source>Approve</source>
        <translation>通过</translation>
    </message>
    <message>
        <location filename="../widgets/variant_editor.py" line="72"/>
        <source>Reject</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <location filename="../widgets/variant_editor.py" line="84"/>
        <source>Preview:</source>
        <translation>预览：</translation>
    </message>
    <message>
        <location filename="../widgets/variant_editor.py" line="110"/>
        <source>Generate copy, then choose a variant.</source>
        <translation>先生成文案，再选择一个版本。</translation>
    </message>
    <message>
        <location filename="../widgets/variant_editor.py" line="146"/>
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../widgets/variant_editor.py" line="147"/>
        <source>approved</source>
        <translation>已通过</translation>
    </message>
    <message>
        <location filename="../widgets/variant_editor.py" line="148"/>
        <source>rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <location filename="../widgets/variant_editor.py" line="150"/>
        <source>Variant {rank}, {status}. Scores: {scores}</source>
        <translation>版本 {rank}，{status}。得分：{scores}</translation>
    </message>
    <message>
        <location filename="../widgets/variant_editor.py" line="163"/>
        <source>... and {count} more (see the Check column)</source>
        <translation>……还有 {count} 条（见&quot;检查&quot;列）</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../pages/welcome.py" line="37"/>
        <source>Load the sample shop</source>
        <translation>加载示例店铺</translation>
    </message>
    <message>
        <location filename="../pages/welcome.py" line="40"/>
        <source>Import my own orders...</source>
        <translation>导入我自己的订单……</translation>
    </message>
    <message>
        <location filename="../pages/welcome.py" line="52"/>
        <source>Welcome to Pinpoint</source>
        <translation>欢迎使用 Pinpoint</translation>
    </message>
    <message>
        <location filename="../pages/welcome.py" line="54"/>
        <source>Pinpoint turns your shop&apos;s order exports into ready-to-upload ad sets: who to target, what to say to them, and files your ad platforms accept. Everything stays on this computer.</source>
        <translation>Pinpoint 把店铺的订单导出文件变成可直接上传的广告组：投放给谁、对他们说什么，以及广告平台接受的文件。所有数据都保留在这台电脑上。</translation>
    </message>
    <message>
        <location filename="../pages/welcome.py" line="62"/>
        <source>To look around first, load the sample shop: about 2,000 orders from a real gift shop, imported exactly as your own file would be. Or import your own export from Shopify, WooCommerce, Etsy, eBay, Amazon, Taobao or any CSV.</source>
        <translation>想先看看效果，可以加载示例店铺：来自一家真实礼品店的约 2,000 笔订单，导入方式与您自己的文件完全相同。也可以导入您自己从 Shopify、WooCommerce、Etsy、eBay、亚马逊、淘宝导出的文件或任意 CSV。</translation>
    </message>
    <message>
        <location filename="../pages/welcome.py" line="76"/>
        <source>Welcome</source>
        <translation>欢迎</translation>
    </message>
    <message>
        <location filename="../pages/welcome.py" line="81"/>
        <source>Opening your shop</source>
        <translation>正在打开店铺</translation>
    </message>
    <message>
        <location filename="../pages/welcome.py" line="92"/>
        <source>Importing the sample shop...</source>
        <translation>正在导入示例店铺……</translation>
    </message>
    <message>
        <location filename="../pages/welcome.py" line="94"/>
        <source>Importing the sample shop</source>
        <translation>正在导入示例店铺</translation>
    </message>
    <message>
        <location filename="../pages/welcome.py" line="101"/>
        <location filename="../pages/welcome.py" line="110"/>
        <source>The sample could not be imported.</source>
        <translation>示例店铺导入失败。</translation>
    </message>
    <message>
        <location filename="../pages/welcome.py" line="104"/>
        <source>Stopped. Nothing was imported.</source>
        <translation>已停止，未导入任何内容。</translation>
    </message>
    <message>
        <location filename="../pages/welcome.py" line="112"/>
        <source>The sample shop is ready.</source>
        <translation>示例店铺已就绪。</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../errors.py" line="35"/>
        <source>Stopped. Nothing was changed.</source>
        <translation>已停止，未做任何更改。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="45"/>
        <source>The file {name} could not be found. Was it moved or renamed?</source>
        <translation>找不到文件 {name}。它是否被移动或重命名了？</translation>
    </message>
    <message>
        <location filename="../errors.py" line="49"/>
        <source>{name} is a folder, not a file. Choose a file inside it.</source>
        <translation>{name} 是文件夹，不是文件。请选择其中的文件。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="53"/>
        <source>Pinpoint is not allowed to open {name}. Close it in other programs (for example Excel) and try again.</source>
        <translation>Pinpoint 无权打开 {name}。请在其他程序（例如 Excel）中关闭它后重试。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="59"/>
        <source>The disk is full. Free some space and try again.</source>
        <translation>磁盘已满。请释放一些空间后重试。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="63"/>
        <source>The file&apos;s text could not be read. Save it as a UTF-8 CSV and try again.</source>
        <translation>无法读取文件中的文字。请另存为 UTF-8 编码的 CSV 后重试。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="67"/>
        <source>The shop database is busy. Wait for the other task to finish and try again.</source>
        <translation>店铺数据库正忙。请等待其他任务完成后重试。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="71"/>
        <source>The computer ran out of memory. Close other programs or use a smaller file.</source>
        <translation>电脑内存不足。请关闭其他程序或使用较小的文件。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="76"/>
        <source>Something unexpected happened. Click Show Details and send the text to whoever helps you with Pinpoint.</source>
        <translation>发生了意外问题。请点击&quot;显示详细信息&quot;，并把其中的文字发给为您提供 Pinpoint 支持的人。</translation>
    </message>
</context>
</TS>
