<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AdjustDialog</name>
    <message>
        <location filename="../../ui/dialogs/adjust_dialog.py" line="20"/>
        <source>Change the order quantity</source>
        <translation>修改订货数量</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/adjust_dialog.py" line="21"/>
        <source>Your own quantity for {product} replaces the suggestion in the plan for {day}. The supplier&apos;s order and the budget are worked out again around it.</source>
        <translation>您为 {product} 填写的数量会替换 {day} 计划中的建议数量。供应商的订单和预算会围绕它重新计算。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/adjust_dialog.py" line="26"/>
        <source>Suggested: {suggested}; packs of {pack}; minimum {moq}; unit cost {cost}.</source>
        <translation>建议：{suggested}；每包 {pack}；最低起订量 {moq}；单位成本 {cost}。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/adjust_dialog.py" line="38"/>
        <source>Why? For example: promotion next week, the supplier is short</source>
        <translation>原因？例如：下周有促销、供应商缺货</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/adjust_dialog.py" line="43"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/adjust_dialog.py" line="44"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/adjust_dialog.py" line="48"/>
        <source>Change</source>
        <translation>修改</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/adjust_dialog.py" line="66"/>
        <source>A reason is needed: it is kept with the order, so you (and anyone else) can see later why the quantity differs from the suggestion.</source>
        <translation>需要填写原因：它会和订单一起保存，以后您（或其他人）可以看到数量为什么与建议不同。</translation>
    </message>
</context>
<context>
    <name>AdvancedSettings</name>
    <message>
        <location filename="../../ui/dialogs/advanced_settings.py" line="16"/>
        <source>A forecast works out every product&apos;s models in chunks of products. On a computer with several cores they run side by side in worker processes; a chain with its own Dask cluster can run them there. The numbers are the same wherever they run.</source>
        <translation>预测会按商品分块计算每个商品的模型。在多核电脑上，它们在工作进程中并行运行；拥有自己 Dask 集群的连锁店可以在集群上运行。无论在哪里运行，结果都完全相同。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/advanced_settings.py" line="24"/>
        <source>Automatic ({n} cores)</source>
        <translation>自动（{n} 个核心）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/advanced_settings.py" line="25"/>
        <source>Automatic: one worker process per core where the shop is big enough to be worth it. 1: everything in ShelfWise&apos;s own process.</source>
        <translation>自动：店铺足够大、值得时每个核心一个工作进程。1：全部在 ShelfWise 自身进程中运行。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/advanced_settings.py" line="29"/>
        <source>The address of a Dask scheduler; empty: this computer. Needs ShelfWise installed with its cluster extra.</source>
        <translation>Dask 调度器的地址；留空：本机。需要安装带集群扩展的 ShelfWise。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/advanced_settings.py" line="33"/>
        <source>Worker processes</source>
        <translation>工作进程</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/advanced_settings.py" line="34"/>
        <source>Dask scheduler</source>
        <translation>Dask 调度器</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/advanced_settings.py" line="36"/>
        <source>With a scheduler address the forecast runs on that cluster; if it does not answer, the forecast stops with a message and nothing is stored.</source>
        <translation>填写调度器地址后，预测会在该集群上运行；如果它没有响应，预测会停止并给出提示，不会保存任何内容。</translation>
    </message>
</context>
<context>
    <name>CancelDialog</name>
    <message>
        <location filename="../../ui/dialogs/po_dialogs.py" line="121"/>
        <source>Cancel {number}</source>
        <translation>取消 {number}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/po_dialogs.py" line="123"/>
        <source>Cancel {number} to {supplier}? What has arrived stays on the shelf; the rest is no longer on order, so the next plan may order it again.</source>
        <translation>取消给 {supplier} 的 {number}？已到的货留在货架上；其余的不再算作在途，下次计划可能会重新订货。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/po_dialogs.py" line="126"/>
        <source>Cancel {number} to {supplier}? It is no longer on order, so the next plan may order its products again.</source>
        <translation>取消给 {supplier} 的 {number}？它将不再算作在途，下次计划可能会重新订这些商品。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/po_dialogs.py" line="131"/>
        <source>Reason (optional), for example: the supplier cannot deliver</source>
        <translation>原因（可选），例如：供应商无法供货</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/po_dialogs.py" line="133"/>
        <source>Cancel order</source>
        <translation>取消订单</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/po_dialogs.py" line="134"/>
        <source>Keep it</source>
        <translation>保留</translation>
    </message>
</context>
<context>
    <name>CheckedPage</name>
    <message>
        <location filename="../../ui/wizard/import_wizard.py" line="185"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_wizard.py" line="233"/>
        <source>The import was not stored</source>
        <translation>导入未保存</translation>
    </message>
</context>
<context>
    <name>ClosuresSettings</name>
    <message>
        <location filename="../../ui/dialogs/closures_settings.py" line="29"/>
        <source>Days the whole shop is closed that the sales cannot foresee: Easter and other holidays that move, your own holiday, a refit. The forecast sells nothing on them, and past ones are not counted as days without demand. (Your weekly day off and a shutdown on the same dates every year are read from the sales.)</source>
        <translation>销售数据无法预知的全店休息日：复活节等日期不固定的节日、您自己的假期、装修。预测在这些天销量为零，过去的休息日不计为无需求的日子。（每周固定的休息日和每年同一日期的停业会从销售中读出。）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/closures_settings.py" line="36"/>
        <location filename="../../ui/dialogs/closures_settings.py" line="63"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/closures_settings.py" line="36"/>
        <source>To</source>
        <translation>到</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/closures_settings.py" line="36"/>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/closures_settings.py" line="50"/>
        <source>Easter, holiday, refit…</source>
        <translation>复活节、假期、装修…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/closures_settings.py" line="51"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/closures_settings.py" line="53"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/closures_settings.py" line="60"/>
        <source>Stored when you press Save; the next forecast uses them.</source>
        <translation>按“保存”后存储；下一次预测会使用它们。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/closures_settings.py" line="65"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/closures_settings.py" line="122"/>
        <source>From an events sheet: undo that import to take it away</source>
        <translation>来自活动表：撤销该次导入即可移除</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../ui/errors.py" line="77"/>
        <source>ShelfWise ran into a bug</source>
        <translation>ShelfWise 出错了</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="79"/>
        <source>Something went wrong inside ShelfWise. This is a bug, not something you did.
Your shop file was not half-written: the step that failed was undone as a whole.
Please copy the details below and send them with a line on what you were doing.</source>
        <translation>ShelfWise 内部出了问题。这是程序的缺陷，不是您操作有误。
您的店铺文件没有被写坏：失败的那一步已整体撤销。
请复制下面的详细信息，连同一句您当时在做什么，一起发给我们。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="88"/>
        <source>Copy details</source>
        <translation>复制详细信息</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="91"/>
        <source>Open log</source>
        <translation>打开日志</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="38"/>
        <source>Runs out</source>
        <translation>将缺货</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="38"/>
        <source>Runs out before the next delivery</source>
        <translation>下次到货前会缺货</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="39"/>
        <location filename="../../ui/pages/dashboard_page.py" line="39"/>
        <source>Below reorder point</source>
        <translation>低于再订货点</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="40"/>
        <source>Overdue orders</source>
        <translation>逾期采购单</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="40"/>
        <source>Overdue purchase order</source>
        <translation>采购单逾期未到</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="41"/>
        <source>Unusual sales</source>
        <translation>异常销量</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="41"/>
        <source>Unusual recent sales</source>
        <translation>近期销量异常</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="42"/>
        <location filename="../../ui/pages/dashboard_page.py" line="42"/>
        <source>Overstock</source>
        <translation>库存积压</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="43"/>
        <location filename="../../ui/pages/dashboard_page.py" line="43"/>
        <source>Dead stock</source>
        <translation>滞销库存</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="44"/>
        <source>Never counted</source>
        <translation>从未盘点</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="44"/>
        <source>Never counted: count it so the plan can order it</source>
        <translation>从未盘点：盘点后计划才能为它订货</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="57"/>
        <source>Urgent</source>
        <translation>紧急</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="57"/>
        <source>Soon</source>
        <translation>尽快</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="57"/>
        <source>When you have time</source>
        <translation>有空时处理</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="69"/>
        <source>Alert</source>
        <translation>提醒</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="72"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="73"/>
        <source>Supplier</source>
        <translation>供应商</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="74"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="75"/>
        <source>What it means</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="156"/>
        <location filename="../../ui/pages/dashboard_page.py" line="319"/>
        <source>Dashboard</source>
        <translation>概览</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="158"/>
        <source>Check again</source>
        <translation>重新检查</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="159"/>
        <source>Plan from the latest forecast and look again for what needs your attention</source>
        <translation>按最新预测重新计划，再看看有哪些需要您处理</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="172"/>
        <source>All alerts</source>
        <translation>全部提醒</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="172"/>
        <source>Show every alert</source>
        <translation>显示所有提醒</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="189"/>
        <source>Double-click a product to see its order.</source>
        <translation>双击商品可查看它的订货。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="217"/>
        <location filename="../../ui/pages/dashboard_page.py" line="277"/>
        <source>Give products a supplier</source>
        <translation>为商品指定供应商</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="217"/>
        <source>Set costs</source>
        <translation>设置成本</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="218"/>
        <source>Count stock</source>
        <translation>盘点库存</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="231"/>
        <location filename="../../ui/pages/dashboard_page.py" line="249"/>
        <source>No shop is open.</source>
        <translation>没有打开店铺。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="241"/>
        <source>Looking for what needs your attention…</source>
        <translation>正在查找需要您处理的事项…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="267"/>
        <source>{n} without a supplier</source>
        <translation>{n} 个没有供应商</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="269"/>
        <source>{n} without a cost</source>
        <translation>{n} 个没有成本</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="271"/>
        <source>{n} never counted (left out of orders until counted)</source>
        <translation>{n} 个从未盘点（盘点前不订货）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="273"/>
        <source>&lt;b&gt;Getting started — {products} products:&lt;/b&gt; {parts}.</source>
        <translation>&lt;b&gt;入门 — 共 {products} 个商品：&lt;/b&gt;{parts}。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="276"/>
        <source>Add suppliers</source>
        <translation>添加供应商</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="299"/>
        <source>No forecast yet, so nothing to plan from.

Import your sales and stock counts (File ▸ Import…), then make a forecast on the Forecast page or press Plan orders on the Orders page. What needs your attention shows here after that.</source>
        <translation>还没有预测，因此无从计划。

请先导入销售和盘点数据（文件 ▸ 导入…），然后在“预测”页做预测，或在“订货”页点“计划订货”。之后需要您处理的事项会显示在这里。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="307"/>
        <source>Dashboard — {day}</source>
        <translation>概览 — {day}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="308"/>
        <source>{n} alerts from today&apos;s plan (sales up to {as_of}). Its orders come to {total}</source>
        <translation>今天的计划（销售数据截至 {as_of}）有 {n} 条提醒。计划订货合计 {total}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="311"/>
        <source>, within this week&apos;s budget of {budget}</source>
        <translation>，在本周预算 {budget} 之内</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="312"/>
        <source>: see the Orders page.</source>
        <translation>：详见“订货”页。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="350"/>
        <source>Every alert</source>
        <translation>所有提醒</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="351"/>
        <source>{name}: {n}</source>
        <translation>{name}：{n}</translation>
    </message>
</context>
<context>
    <name>Dates</name>
    <message>
        <location filename="../../ui/i18n.py" line="109"/>
        <source>d MMM yyyy</source>
        <translation>yyyy/M/d</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="119"/>
        <source>ddd d MMM</source>
        <translation>M月d日 ddd</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="119"/>
        <source>d MMM</source>
        <translation>M月d日</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="124"/>
        <source>ddd d MMM yyyy</source>
        <translation>yyyy/M/d ddd</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="129"/>
        <source>MMM yyyy</source>
        <translation>yyyy年M月</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="129"/>
        <source>MMM</source>
        <translation>M月</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="146"/>
        <source>last day of the month</source>
        <translation>每月最后一天</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="146"/>
        <source>day {n} of the month</source>
        <translation>每月{n}日</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <location filename="../../ui/wizard/import_wizard.py" line="429"/>
        <source>Imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_wizard.py" line="447"/>
        <source>Import {id} stored {n} rows from {file}. You can undo it on the Imports page.</source>
        <translation>第 {id} 次导入从 {file} 保存了 {n} 行。可在“导入记录”页撤销。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_wizard.py" line="449"/>
        <source>Import {id} stored nothing new from {file}: every row was already in the shop or set aside.</source>
        <translation>第 {id} 次导入没有从 {file} 保存任何新内容：每一行都已存在或被搁置。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_wizard.py" line="460"/>
        <source>{k} sheets stored {n} rows as imports {first} to {last}. You can undo each on the Imports page.</source>
        <translation>{k}个工作表共保存{n}行，为导入{first}至{last}。可在“导入”页面逐个撤销。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_wizard.py" line="463"/>
        <source>Sheet &apos;{sheet}&apos;: import {id}, {n} rows stored, {r} rejected</source>
        <translation>工作表“{sheet}”：导入{id}，保存{n}行，拒绝{r}行</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_wizard.py" line="466"/>
        <source>Sheet &apos;{sheet}&apos; was not stored: {why}</source>
        <translation>工作表“{sheet}”未保存：{why}</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_wizard.py" line="470"/>
        <source>Cancelled: sheet &apos;{sheet}&apos; and the ones after it were not stored.</source>
        <translation>已取消：工作表“{sheet}”及其后的工作表未保存。</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../ui/messages.py" line="35"/>
        <source>ShelfWise</source>
        <translation>ShelfWise</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <location filename="../../ui/wizard/import_wizard.py" line="50"/>
        <location filename="../../ui/wizard/import_wizard.py" line="79"/>
        <source>Import a spreadsheet</source>
        <translation>导入电子表格</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_wizard.py" line="51"/>
        <source>Pick the file you keep your figures in (Excel, LibreOffice or CSV), and say what it holds. Nothing is stored until the last step.</source>
        <translation>选择存放您数据的文件（Excel、LibreOffice 或 CSV），并说明里面是什么。到最后一步之前不会保存任何内容。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_wizard.py" line="54"/>
        <source>The spreadsheet to import</source>
        <translation>要导入的电子表格</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_wizard.py" line="55"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_wizard.py" line="68"/>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_wizard.py" line="69"/>
        <source>It holds:</source>
        <translation>内容：</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_wizard.py" line="80"/>
        <source>Spreadsheets (*.xlsx *.xlsm *.xls *.ods *.csv *.tsv *.txt);;All files (*)</source>
        <translation>电子表格 (*.xlsx *.xlsm *.xls *.ods *.csv *.tsv *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_wizard.py" line="91"/>
        <source>There is no file at {path}.</source>
        <translation>{path} 处没有文件。</translation>
    </message>
</context>
<context>
    <name>ForecastChart</name>
    <message>
        <location filename="../../ui/widgets/forecast_chart.py" line="57"/>
        <location filename="../../ui/widgets/forecast_chart.py" line="371"/>
        <source>Units a day</source>
        <translation>每天件数</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/forecast_chart.py" line="74"/>
        <source>Last 12 months</source>
        <translation>最近 12 个月</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/forecast_chart.py" line="74"/>
        <source>Last 3 months</source>
        <translation>最近 3 个月</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/forecast_chart.py" line="90"/>
        <source>Choose a product to see its forecast.</source>
        <translation>选择一个商品查看它的预测。</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/forecast_chart.py" line="115"/>
        <location filename="../../ui/widgets/forecast_chart.py" line="371"/>
        <source>Point at a day to read its figures.</source>
        <translation>指向某一天即可查看当天的数字。</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/forecast_chart.py" line="128"/>
        <source>There is nothing to draw for this product yet.</source>
        <translation>这个商品暂时没有可以画的数据。</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/forecast_chart.py" line="180"/>
        <source>Your override</source>
        <translation>您的手动调整</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/forecast_chart.py" line="190"/>
        <source>Unusual sale, counted as this</source>
        <translation>异常销量，按此计</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/forecast_chart.py" line="194"/>
        <source>Forecast</source>
        <translation>预测</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/forecast_chart.py" line="213"/>
        <source>Out of stock</source>
        <translation>缺货</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/forecast_chart.py" line="223"/>
        <source>Shop closed</source>
        <translation>店铺休息</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/forecast_chart.py" line="254"/>
        <source>Promotion</source>
        <translation>促销</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/forecast_chart.py" line="272"/>
        <source>{first} to {last}</source>
        <translation>{first} 至 {last}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/forecast_chart.py" line="286"/>
        <source>Promotion of this product</source>
        <translation>本商品促销</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/forecast_chart.py" line="286"/>
        <source>Holiday or event</source>
        <translation>节假日或活动</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/forecast_chart.py" line="332"/>
        <source>not sold yet</source>
        <translation>尚未销售</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/forecast_chart.py" line="334"/>
        <source>sold {n}</source>
        <translation>卖出 {n}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/forecast_chart.py" line="336"/>
        <source> — the shop was closed (not counted as a day without demand)</source>
        <translation> — 店铺休息（不计为无需求的一天）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/forecast_chart.py" line="338"/>
        <source> — out of stock</source>
        <translation> — 缺货</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/forecast_chart.py" line="340"/>
        <source> — unusual, counted as {n}</source>
        <translation> — 异常，按 {n} 计</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/forecast_chart.py" line="349"/>
        <source> — your override</source>
        <translation> — 您的手动调整</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/forecast_chart.py" line="351"/>
        <source> — the shop will be closed</source>
        <translation> — 店铺将休息</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/forecast_chart.py" line="362"/>
        <source>Units a month</source>
        <translation>每月件数</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/forecast_chart.py" line="362"/>
        <source>Point at a month to read its figures.</source>
        <translation>指向某个月即可查看其数字。</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/forecast_chart.py" line="363"/>
        <source>Sold each month</source>
        <translation>每月销量</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/forecast_chart.py" line="363"/>
        <source>Likely range (9 months in 10)</source>
        <translation>可能范围（10 个月中有 9 个月）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/forecast_chart.py" line="364"/>
        <source>4 months in 5 sell less</source>
        <translation>5 个月中有 4 个月卖得更少</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/forecast_chart.py" line="364"/>
        <source>Forecast (average a month)</source>
        <translation>预测（每月平均）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/forecast_chart.py" line="365"/>
        <source>forecast {mean} (likely {low} to {high}; 4 months in 5 below {p80})</source>
        <translation>预测 {mean}（可能 {low} 至 {high}；5 个月中有 4 个月低于 {p80}）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/forecast_chart.py" line="367"/>
        <source>Units a week</source>
        <translation>每周件数</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/forecast_chart.py" line="367"/>
        <source>Point at a week to read its figures.</source>
        <translation>指向某一周即可查看其数字。</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/forecast_chart.py" line="368"/>
        <source>Sold each week</source>
        <translation>每周销量</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/forecast_chart.py" line="368"/>
        <source>Likely range (9 weeks in 10)</source>
        <translation>可能范围（10 周中有 9 周）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/forecast_chart.py" line="369"/>
        <source>4 weeks in 5 sell less</source>
        <translation>5 周中有 4 周卖得更少</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/forecast_chart.py" line="369"/>
        <source>Forecast (average a week)</source>
        <translation>预测（每周平均）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/forecast_chart.py" line="370"/>
        <source>forecast {mean} (likely {low} to {high}; 4 weeks in 5 below {p80})</source>
        <translation>预测 {mean}（可能 {low} 至 {high}；5 周中有 4 周低于 {p80}）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/forecast_chart.py" line="372"/>
        <source>Sold each day</source>
        <translation>每天销量</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/forecast_chart.py" line="372"/>
        <source>Likely range (9 days in 10)</source>
        <translation>可能范围（10 天中有 9 天）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/forecast_chart.py" line="373"/>
        <source>4 days in 5 sell less</source>
        <translation>5 天中有 4 天卖得更少</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/forecast_chart.py" line="373"/>
        <source>Forecast (average a day)</source>
        <translation>预测（日均）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/forecast_chart.py" line="374"/>
        <source>forecast {mean} (likely {low} to {high}; 4 days in 5 below {p80})</source>
        <translation>预测 {mean}（可能 {low} 至 {high}；5 天中有 4 天低于 {p80}）</translation>
    </message>
</context>
<context>
    <name>ForecastPage</name>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="23"/>
        <source>GPU (CUDA)</source>
        <translation>GPU（CUDA）</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="23"/>
        <source>GPU (Apple)</source>
        <translation>GPU（Apple）</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="23"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="30"/>
        <source>Last day</source>
        <translation>前一天</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="30"/>
        <source>repeating the last day&apos;s sales</source>
        <translation>重复前一天的销量</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="31"/>
        <location filename="../../ui/models/forecast_rows.py" line="57"/>
        <source>Last week</source>
        <translation>上周</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="31"/>
        <source>repeating the same weekday of last week</source>
        <translation>重复上周同一天的销量</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="32"/>
        <source>4-week average</source>
        <translation>4 周平均</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="32"/>
        <source>the average of the last four weeks</source>
        <translation>最近四周的平均值</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="33"/>
        <source>Year&apos;s average</source>
        <translation>全年平均</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="33"/>
        <source>the average of the last year</source>
        <translation>最近一年的平均值</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="34"/>
        <source>Pooled rate</source>
        <translation>合并速率</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="34"/>
        <source>the product&apos;s rate over all its sales, steadied by what products sell in your shop where it has little history</source>
        <translation>商品全部销售的平均速率；历史较短时，参考您店内商品的一般销量加以稳定</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="36"/>
        <source>Croston</source>
        <translation>Croston</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="36"/>
        <source>Croston&apos;s method, for products that sell now and then</source>
        <translation>Croston 法，适合偶尔才卖出的商品</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="37"/>
        <source>SBA</source>
        <translation>SBA</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="37"/>
        <source>Croston&apos;s method with its bias corrected (SBA), for products that sell now and then</source>
        <translation>修正偏差的 Croston 法（SBA），适合偶尔才卖出的商品</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="39"/>
        <source>TSB</source>
        <translation>TSB</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="39"/>
        <source>the TSB method, for products that sell now and then and may be fading</source>
        <translation>TSB 法，适合偶尔才卖出、销量可能在减少的商品</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="40"/>
        <source>ADIDA</source>
        <translation>ADIDA</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="40"/>
        <source>ADIDA, which forecasts the sales of several periods added up, for products that sell now and then</source>
        <translation>ADIDA 方法：把几个时段的销量加总后再预测，适用于偶尔售出的商品</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="42"/>
        <source>Calendar</source>
        <translation>日历</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="42"/>
        <source>a calendar model of weekdays, holidays, promotions and prices</source>
        <translation>按星期、节假日、促销和价格建立的日历模型</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="43"/>
        <source>Smoothing</source>
        <translation>平滑</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="43"/>
        <source>exponential smoothing (ETS)</source>
        <translation>指数平滑（ETS）</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="44"/>
        <source>ARIMA</source>
        <translation>ARIMA</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="44"/>
        <source>an ARIMA time-series model</source>
        <translation>ARIMA 时间序列模型</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="45"/>
        <source>Neural</source>
        <translation>神经网络</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="45"/>
        <source>the neural model, which learns from all your products at once</source>
        <translation>神经网络模型，同时从您所有商品中学习</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="46"/>
        <source>Boosted trees</source>
        <translation>提升树</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="46"/>
        <source>gradient-boosted trees (LightGBM), which learn from all your products at once</source>
        <translation>梯度提升决策树模型，同时从您所有商品中学习</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="51"/>
        <source>Last month</source>
        <translation>上月</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="51"/>
        <source>repeating last month&apos;s sales</source>
        <translation>重复上个月的销量</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="52"/>
        <location filename="../../ui/models/forecast_rows.py" line="58"/>
        <source>Last year</source>
        <translation>去年同期</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="52"/>
        <source>repeating the same month of last year</source>
        <translation>重复去年同月的销量</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="53"/>
        <source>3-month average</source>
        <translation>3 个月平均</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="53"/>
        <source>the average of the last three months</source>
        <translation>最近三个月的平均值</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="54"/>
        <source>12-month average</source>
        <translation>12 个月平均</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="54"/>
        <source>the average of the last twelve months</source>
        <translation>最近十二个月的平均值</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="57"/>
        <source>repeating last week&apos;s sales</source>
        <translation>重复上周的销量</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="58"/>
        <source>repeating the same week of last year</source>
        <translation>重复去年同一周的销量</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="59"/>
        <source>8-week average</source>
        <translation>8 周平均</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="59"/>
        <source>the average of the last eight weeks</source>
        <translation>最近八周的平均值</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="60"/>
        <source>52-week average</source>
        <translation>52 周平均</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="60"/>
        <source>the average of the last 52 weeks</source>
        <translation>最近 52 周的平均值</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="86"/>
        <source>Forecast with {model}.</source>
        <translation>用{model}预测。</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="87"/>
        <source>{model} ({weight})</source>
        <translation>{model}（{weight}）</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="89"/>
        <source>A blend of {models}: together they did best on this product&apos;s past.</source>
        <translation>综合了{models}：它们合在一起对这个商品过去的销量预测得最好。</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="90"/>
        <source> and </source>
        <translation>和</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="95"/>
        <location filename="../../ui/models/forecast_rows.py" line="103"/>
        <location filename="../../ui/models/forecast_rows.py" line="106"/>
        <source>smooth</source>
        <translation>平稳</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="95"/>
        <source>sells on most days, in steady amounts</source>
        <translation>大多数日子都有销售，数量稳定</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="96"/>
        <location filename="../../ui/models/forecast_rows.py" line="104"/>
        <location filename="../../ui/models/forecast_rows.py" line="107"/>
        <source>erratic</source>
        <translation>波动</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="96"/>
        <source>sells on most days, in amounts that vary a lot</source>
        <translation>大多数日子都有销售，数量变化很大</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="97"/>
        <source>intermittent</source>
        <translation>间歇</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="97"/>
        <source>sells now and then, in steady amounts</source>
        <translation>偶尔有销售，数量稳定</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="98"/>
        <source>lumpy</source>
        <translation>起伏</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="98"/>
        <source>sells now and then, in amounts that vary a lot</source>
        <translation>偶尔有销售，数量变化很大</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="99"/>
        <source>no sales</source>
        <translation>无销售</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="99"/>
        <source>has not sold yet</source>
        <translation>还没有卖出过</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="100"/>
        <source>stopped selling</source>
        <translation>已停止销售</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="100"/>
        <source>no sale for far longer than it used to go without one: not reordered</source>
        <translation>未售出的时间远超以往的间隔：不再补货</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="103"/>
        <source>sells in most months, in steady amounts</source>
        <translation>大多数月份都有销售，数量稳定</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="104"/>
        <source>sells in most months, in amounts that vary a lot</source>
        <translation>大多数月份都有销售，数量波动很大</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="106"/>
        <source>sells in most weeks, in steady amounts</source>
        <translation>大多数周都有销售，数量稳定</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="107"/>
        <source>sells in most weeks, in amounts that vary a lot</source>
        <translation>大多数周都有销售，数量波动很大</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="112"/>
        <source>A: among the products that bring in 80% of the sales value</source>
        <translation>A：属于贡献 80% 销售额的商品</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="113"/>
        <source>B: among those that bring in the next 15%</source>
        <translation>B：属于贡献其后 15% 销售额的商品</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="114"/>
        <source>C: among those that bring in the last 5%</source>
        <translation>C：属于贡献最后 5% 销售额的商品</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="119"/>
        <source>X: steady from month to month</source>
        <translation>X：逐月稳定</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="119"/>
        <source>Y: varies from month to month</source>
        <translation>Y：逐月有波动</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="120"/>
        <source>Z: very irregular from month to month</source>
        <translation>Z：逐月非常不规律</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="121"/>
        <source>X: steady from week to week</source>
        <translation>X：每周都很稳定</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="121"/>
        <source>Y: varies from week to week</source>
        <translation>Y：每周有些变化</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="122"/>
        <source>Z: very irregular from week to week</source>
        <translation>Z：每周很不规律</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="137"/>
        <source>about the same</source>
        <translation>差不多</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="139"/>
        <source>{p}% better</source>
        <translation>好 {p}%</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="140"/>
        <source>{p}% worse</source>
        <translation>差 {p}%</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="153"/>
        <source>Next month</source>
        <translation>下个月</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="153"/>
        <source>{n} expected over the forecast&apos;s months</source>
        <translation>预测的各月合计预计 {n}</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="155"/>
        <source>Next week</source>
        <translation>下周</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="155"/>
        <source>{n} expected over the forecast&apos;s weeks</source>
        <translation>预测的各周合计预计 {n}</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="157"/>
        <source>Next 7 days</source>
        <translation>未来 7 天</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="157"/>
        <source>{n} expected over the next 4 weeks</source>
        <translation>未来 4 周预计 {n}</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="167"/>
        <source>vs. last week&apos;s sales</source>
        <translation>对比重复上周</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="168"/>
        <source>Off by {mae} a day on average; repeating last week&apos;s sales: {base}</source>
        <translation>平均每天偏差 {mae}；重复上周销量的偏差：{base}</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="172"/>
        <source>Off by, a month</source>
        <translation>每月偏差</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="172"/>
        <source>Off by, a week</source>
        <translation>每周偏差</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="174"/>
        <source>Tested on the last periods before the forecast: off by {mae} units a period on average</source>
        <translation>用预测前的最近几期检验：平均每期偏差 {mae} 件</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="177"/>
        <source>Product code</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="178"/>
        <source>Description</source>
        <translation>商品名称</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="179"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="181"/>
        <source>Pattern</source>
        <translation>需求类型</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="183"/>
        <source>ABC</source>
        <translation>ABC</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="184"/>
        <source>XYZ</source>
        <translation>XYZ</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="215"/>
        <source>1 second</source>
        <translation>1 秒</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="217"/>
        <source>{s} seconds</source>
        <translation>{s} 秒</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="218"/>
        <source>{m} min {s} s</source>
        <translation>{m} 分 {s} 秒</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="225"/>
        <source> at {time}</source>
        <translation> {time}</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="226"/>
        <source>Made {when} from sales up to {as_of}</source>
        <translation>{when} 根据截至 {as_of} 的销售数据生成</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="231"/>
        <source>, with the neural model on the {device}</source>
        <translation>，使用神经网络模型，运行于 {device}</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="233"/>
        <source>, without the neural model, on the {device}</source>
        <translation>，未使用神经网络模型，运行于 {device}</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="234"/>
        <source>, in {duration}.</source>
        <translation>，用时 {duration}。</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="236"/>
        <source> Your sales are monthly totals: forecast month by month.</source>
        <translation>您的销售数据是月度合计：按月预测。</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="237"/>
        <source> Your sales are weekly totals: forecast week by week.</source>
        <translation>您的销售数据是每周合计：按周预测。</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="239"/>
        <source> The neural model learns from daily sales, so it was not used.</source>
        <translation>神经网络模型需要按日的销售数据，因此未使用。</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="243"/>
        <source> Tested on past weeks, {p}% of days fell inside the likely range (aim: 90%).</source>
        <translation>用过去几周检验，{p}% 的日子落在可能范围内（目标：90%）。</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="246"/>
        <source> Tested on past months, {p}% of them fell inside the likely range (aim: 90%).</source>
        <translation>用过去几个月检验，{p}% 的月份落在可能范围内（目标：90%）。</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="248"/>
        <source> Tested on past weeks, {p}% of them fell inside the likely range (aim: 90%).</source>
        <translation>用过去几周检验，{p}% 的周落在可能范围内（目标：90%）。</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="251"/>
        <source> Sales up to {day} have come in since: press Forecast to bring it up to date.</source>
        <translation>此后又有截至 {day} 的销售数据：点“预测”即可更新。</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="261"/>
        <source> Your shop was closed on {n} days (no product sold): they are not counted as days without demand.</source>
        <translation> 店铺有 {n} 天休息（没有任何商品售出）：这些天不计为无需求的日子。</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="264"/>
        <source> It is closed every {days}: the forecast sells nothing on them.</source>
        <translation> 店铺每逢{days}休息：预测这些天销量为零。</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="267"/>
        <source> It will be closed from {first} to {last}, as it was on those dates a year before: the forecast sells nothing on them.</source>
        <translation> 店铺将于{first}至{last}休息（与一年前同期相同）：预测这些天销量为零。</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="270"/>
        <source> You said it is closed from {first} to {last} ({name}): the forecast sells nothing on those days.</source>
        <translation> 您设定店铺于{first}至{last}休息（{name}）：预测这些天销量为零。</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="273"/>
        <source> The sales of {day} were imported before the day ended (the day so far): that day is not counted as a whole day&apos;s demand.</source>
        <translation> {day}的销售在当天结束前导入（截至导入时的销量）：这一天不作为一整天的需求计算。</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="285"/>
        <source> Your daily sales since {day} are too few days yet to forecast day by day ({n} days, 56 needed): they are added up into months with your monthly totals.</source>
        <translation>自 {day} 起的每日销售天数还太少，无法按天预测（{n} 天，需要 56 天）：它们被按月加总，与您的月度合计一起使用。</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="287"/>
        <source> Your daily sales since {day} are too few days yet to forecast day by day ({n} days, 56 needed): they are added up into weeks with your weekly totals.</source>
        <translation>自 {day} 起的每日销售天数还太少，无法按天预测（{n} 天，需要 56 天）：它们被按周加总，与您的每周合计一起使用。</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="290"/>
        <source> Forecast day by day from your daily sales since {day}.</source>
        <translation>根据自 {day} 起的每日销售按天预测。</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="292"/>
        <source> The {n} monthly totals before them give each product&apos;s yearly shape.</source>
        <translation>此前的 {n} 个月度合计给出每个商品的全年季节形状。</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="293"/>
        <source> The {n} weekly totals before them give each product&apos;s yearly shape.</source>
        <translation>此前的 {n} 个每周合计给出每个商品的全年季节形状。</translation>
    </message>
    <message>
        <location filename="../../ui/models/forecast_rows.py" line="296"/>
        <source> {k} products that have sold too little since then to tell are forecast mostly from what they sold before.</source>
        <translation>{k} 个商品此后销量太少、尚无法判断，主要按它们以前的销量预测。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/forecast_page.py" line="49"/>
        <location filename="../../ui/pages/forecast_page.py" line="56"/>
        <location filename="../../ui/pages/forecast_page.py" line="189"/>
        <source>Forecast</source>
        <translation>预测</translation>
    </message>
    <message>
        <location filename="../../ui/pages/forecast_page.py" line="51"/>
        <source>Use the neural model</source>
        <translation>使用神经网络模型</translation>
    </message>
    <message>
        <location filename="../../ui/pages/forecast_page.py" line="53"/>
        <source>The neural model learns from all your products at once how weekdays, holidays, promotions and prices move sales. It is slower: a few minutes for a few hundred products without a graphics card.</source>
        <translation>神经网络模型会同时从您所有商品中学习星期、节假日、促销和价格如何影响销量。它比较慢：没有显卡时，几百个商品需要几分钟。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/forecast_page.py" line="57"/>
        <source>Forecast every product&apos;s sales for the next four weeks</source>
        <translation>预测每个商品未来四周的销量</translation>
    </message>
    <message>
        <location filename="../../ui/pages/forecast_page.py" line="65"/>
        <source>Search by product code or description</source>
        <translation>按商品编码或名称搜索</translation>
    </message>
    <message>
        <location filename="../../ui/pages/forecast_page.py" line="79"/>
        <source>Override…</source>
        <translation>手动调整…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/forecast_page.py" line="80"/>
        <source>Put in your own quantity a day for days you know better</source>
        <translation>对您更了解的日子，自己填每天的数量</translation>
    </message>
    <message>
        <location filename="../../ui/pages/forecast_page.py" line="89"/>
        <source>Your overrides</source>
        <translation>您的手动调整</translation>
    </message>
    <message>
        <location filename="../../ui/pages/forecast_page.py" line="93"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../ui/pages/forecast_page.py" line="140"/>
        <location filename="../../ui/pages/forecast_page.py" line="157"/>
        <source>No shop is open.</source>
        <translation>没有打开店铺。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/forecast_page.py" line="174"/>
        <source>No forecast yet.

Press Forecast to forecast every product&apos;s sales for the next four weeks from its sales history.</source>
        <translation>还没有预测。

点“预测”，根据销售历史预测每个商品未来四周的销量。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/forecast_page.py" line="176"/>
        <source>This shop has no sales yet.

Use File ▸ Import… to bring in your sales history; then press Forecast.</source>
        <translation>这个店铺还没有销售数据。

请用“文件 ▸ 导入…”导入销售历史，然后点“预测”。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/forecast_page.py" line="183"/>
        <source>Forecast: {n} products</source>
        <translation>预测：{n} 个商品</translation>
    </message>
    <message>
        <location filename="../../ui/pages/forecast_page.py" line="203"/>
        <source>Reading the sales history…</source>
        <translation>正在读取销售历史…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/forecast_page.py" line="248"/>
        <source>No product chosen</source>
        <translation>未选择商品</translation>
    </message>
    <message>
        <location filename="../../ui/pages/forecast_page.py" line="249"/>
        <source>Choose a product to see its forecast.</source>
        <translation>选择一个商品查看它的预测。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/forecast_page.py" line="258"/>
        <source>&lt;b&gt;Model:&lt;/b&gt; {sentence}</source>
        <translation>&lt;b&gt;模型：&lt;/b&gt;{sentence}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/forecast_page.py" line="259"/>
        <source>&lt;b&gt;Demand:&lt;/b&gt; {pattern}</source>
        <translation>&lt;b&gt;需求：&lt;/b&gt;{pattern}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/forecast_page.py" line="261"/>
        <source> — it {meaning}.</source>
        <translation> — {meaning}。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/forecast_page.py" line="263"/>
        <source>Class {abc}; {xyz}.</source>
        <translation>类别 {abc}；{xyz}。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/forecast_page.py" line="268"/>
        <source>{start} to {end}: {qty} a day — {note}</source>
        <translation>{start} 至 {end}：每天 {qty} — {note}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/forecast_page.py" line="272"/>
        <source>Added {when}</source>
        <translation>添加于 {when}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/forecast_page.py" line="301"/>
        <source>Remove override</source>
        <translation>删除手动调整</translation>
    </message>
    <message>
        <location filename="../../ui/pages/forecast_page.py" line="302"/>
        <source>Remove this override?

{what}

The forecast is used again for those days.</source>
        <translation>删除这个手动调整？

{what}

这些日子将重新使用预测值。</translation>
    </message>
</context>
<context>
    <name>ImportReport</name>
    <message>
        <location filename="../../ui/wizard/import_report.py" line="19"/>
        <source>rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_report.py" line="19"/>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_report.py" line="19"/>
        <source>set aside</source>
        <translation>已搁置</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_report.py" line="26"/>
        <source>Sales</source>
        <translation>销售</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_report.py" line="26"/>
        <source>Stock counts</source>
        <translation>盘点</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_report.py" line="26"/>
        <source>Product list</source>
        <translation>商品清单</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_report.py" line="27"/>
        <source>Suppliers</source>
        <translation>供应商</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_report.py" line="27"/>
        <source>Prices</source>
        <translation>价格</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_report.py" line="27"/>
        <source>Events and promotions</source>
        <translation>活动和促销</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_report.py" line="28"/>
        <source>Open purchase orders</source>
        <translation>未完成的采购单</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_report.py" line="28"/>
        <source>Demo shop</source>
        <translation>演示店铺</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_report.py" line="37"/>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_report.py" line="39"/>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_report.py" line="40"/>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_report.py" line="42"/>
        <source>What is wrong</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_report.py" line="43"/>
        <source>Value found</source>
        <translation>读到的值</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_report.py" line="117"/>
        <source>Rows read</source>
        <translation>读取行数</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_report.py" line="118"/>
        <source>Imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_report.py" line="118"/>
        <source>Will be imported</source>
        <translation>将导入</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_report.py" line="119"/>
        <source>… of them kept with a warning</source>
        <translation>… 其中保留但有警告</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_report.py" line="120"/>
        <source>Set aside (not demand, or already known)</source>
        <translation>已搁置（不是需求，或已存在）</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_report.py" line="121"/>
        <source>Rejected (could not be read)</source>
        <translation>已拒绝（无法读取）</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_report.py" line="131"/>
        <source>Also:</source>
        <translation>另外：</translation>
    </message>
    <message>
        <location filename="../../core/importing/report.py" line="12"/>
        <source>codes that are not products (postage, fees, ...)</source>
        <translation>不是商品的编码（邮费、手续费等）</translation>
    </message>
    <message>
        <location filename="../../core/importing/report.py" line="13"/>
        <source>write-offs and stock adjustments (not demand)</source>
        <translation>报损和库存调整（不是需求）</translation>
    </message>
    <message>
        <location filename="../../core/importing/report.py" line="14"/>
        <source>exact repeats of an earlier row of this file</source>
        <translation>与本文件前面某行完全重复</translation>
    </message>
    <message>
        <location filename="../../core/importing/report.py" line="15"/>
        <source>already in the shop from an earlier import</source>
        <translation>之前的导入已经有了</translation>
    </message>
    <message>
        <location filename="../../core/importing/report.py" line="16"/>
        <source>rows with a quantity of 0 (nothing to store)</source>
        <translation>数量为 0 的行（没有可保存的）</translation>
    </message>
    <message>
        <location filename="../../core/importing/report.py" line="17"/>
        <source>totals rows (a sum of other rows, not a product)</source>
        <translation>合计行（其他行的总和，不是商品）</translation>
    </message>
    <message>
        <location filename="../../core/importing/report.py" line="18"/>
        <source>weeks or months not over yet (imported once they have ended)</source>
        <translation>尚未结束的周或月（结束后再导入）</translation>
    </message>
    <message>
        <location filename="../../core/importing/report.py" line="19"/>
        <source>rows with no figures (a title or a footer, not a product)</source>
        <translation>没有数字的行（标题或页脚，不是商品）</translation>
    </message>
    <message>
        <location filename="../../core/importing/report.py" line="20"/>
        <source>orders that are not sales (cancelled, voided, failed, unpaid, test, refunded in full)</source>
        <translation>不算销售的订单（已取消、已作废、失败、未付款、测试、全额退款）</translation>
    </message>
    <message>
        <location filename="../../core/importing/report.py" line="21"/>
        <source>an order&apos;s or receipt&apos;s own rows, payments and footers (not a product&apos;s line)</source>
        <translation>订单或小票本身的行、付款行和页脚（不是商品行）</translation>
    </message>
    <message>
        <location filename="../../core/importing/report.py" line="24"/>
        <source>cancellations and returns (reduce the sales of their product)</source>
        <translation>取消和退货（冲减对应商品的销量）</translation>
    </message>
    <message>
        <location filename="../../core/importing/report.py" line="25"/>
        <source>refunds (reduce the sales of their product on their day)</source>
        <translation>退款（在当天减少该商品的销量）</translation>
    </message>
    <message>
        <location filename="../../core/importing/report.py" line="26"/>
        <source>lines without a SKU, named by their product name</source>
        <translation>没有 SKU 的行，以商品名称作为编码</translation>
    </message>
    <message>
        <location filename="../../core/importing/report.py" line="27"/>
        <source>products new to the shop (created)</source>
        <translation>店铺里的新商品（已创建）</translation>
    </message>
    <message>
        <location filename="../../core/importing/report.py" line="28"/>
        <source>suppliers new to the shop (created)</source>
        <translation>店铺里的新供应商（已创建）</translation>
    </message>
    <message>
        <location filename="../../core/importing/report.py" line="29"/>
        <source>existing records updated</source>
        <translation>已更新的现有记录</translation>
    </message>
    <message>
        <location filename="../../core/importing/report.py" line="30"/>
        <source>days imported before they ended: now the whole day&apos;s figures</source>
        <translation>当天结束前导入的日子：现为全天的数字</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../ui/wizard/import_wizard.py" line="35"/>
        <source>one row per sale or till line (or one row per product with a column per day, week or month)</source>
        <translation>每笔销售或每条收银记录一行（或每个商品一行，每天、每周或每月一列）</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_wizard.py" line="36"/>
        <source>how many of each product you have on the shelf, counted on a day</source>
        <translation>某一天盘点的各商品在架数量</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_wizard.py" line="37"/>
        <source>your product list: codes, descriptions, suppliers, costs, pack sizes</source>
        <translation>您的商品清单：编码、名称、供应商、成本、包装规格</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_wizard.py" line="38"/>
        <source>who you buy from: e-mail, lead time, minimum order</source>
        <translation>您的进货来源：电子邮箱、交货期、最低订货量</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_wizard.py" line="39"/>
        <source>selling prices or costs from a date on</source>
        <translation>从某天起的售价或成本</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_wizard.py" line="40"/>
        <source>holidays, promotions and other days that change what sells</source>
        <translation>节假日、促销以及其他影响销量的日子</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_wizard.py" line="41"/>
        <source>purchase orders you have sent and not yet received</source>
        <translation>已发出但尚未到货的采购单</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_wizard.py" line="484"/>
        <source>Import — ShelfWise</source>
        <translation>导入 — ShelfWise</translation>
    </message>
</context>
<context>
    <name>ImportsPage</name>
    <message>
        <location filename="../../ui/pages/imports_page.py" line="33"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/pages/imports_page.py" line="34"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../ui/pages/imports_page.py" line="36"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/pages/imports_page.py" line="37"/>
        <source>Read</source>
        <translation>读取</translation>
    </message>
    <message>
        <location filename="../../ui/pages/imports_page.py" line="38"/>
        <source>Imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <location filename="../../ui/pages/imports_page.py" line="39"/>
        <source>Warnings</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../../ui/pages/imports_page.py" line="40"/>
        <source>Rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <location filename="../../ui/pages/imports_page.py" line="41"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/pages/imports_page.py" line="41"/>
        <source>undone {when}</source>
        <translation>已于 {when} 撤销</translation>
    </message>
    <message>
        <location filename="../../ui/pages/imports_page.py" line="42"/>
        <source>in force</source>
        <translation>有效</translation>
    </message>
    <message>
        <location filename="../../ui/pages/imports_page.py" line="62"/>
        <location filename="../../ui/pages/imports_page.py" line="113"/>
        <source>Imports</source>
        <translation>导入记录</translation>
    </message>
    <message>
        <location filename="../../ui/pages/imports_page.py" line="64"/>
        <source>Undo import…</source>
        <translation>撤销导入…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/imports_page.py" line="113"/>
        <source>Imports ({n})</source>
        <translation>导入记录（{n}）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/imports_page.py" line="140"/>
        <source>No import chosen</source>
        <translation>未选择导入</translation>
    </message>
    <message>
        <location filename="../../ui/pages/imports_page.py" line="141"/>
        <source>No imports yet: use File ▸ Import… to bring in a spreadsheet.</source>
        <translation>还没有导入：请用“文件 ▸ 导入…”导入电子表格。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/imports_page.py" line="145"/>
        <source>Import {id}: {file}</source>
        <translation>第 {id} 次导入：{file}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/imports_page.py" line="151"/>
        <source>Undone on {when}.</source>
        <translation>已于 {when} 撤销。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/imports_page.py" line="165"/>
        <source>Undo import</source>
        <translation>撤销导入</translation>
    </message>
    <message>
        <location filename="../../ui/pages/imports_page.py" line="166"/>
        <source>Undo import {id} of {file}?

The {n} rows it imported are removed, and whatever it changed is put back as it was before.</source>
        <translation>撤销第 {id} 次导入（{file}）？

它导入的 {n} 行将被删除，它改动过的内容会恢复原样。</translation>
    </message>
</context>
<context>
    <name>Jobs</name>
    <message>
        <location filename="../../ui/jobs.py" line="48"/>
        <source>Cancelled — nothing was changed</source>
        <translation>已取消 — 没有任何改动</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/edit_steps.py" line="31"/>
        <source>its file&apos;s permissions do not allow changes</source>
        <translation>文件的权限不允许修改</translation>
    </message>
    <message>
        <location filename="../../ui/edit_steps.py" line="32"/>
        <source>its folder is read-only (SQLite writes a journal beside the file)</source>
        <translation>它所在的文件夹是只读的（SQLite 需要在文件旁写日志）</translation>
    </message>
    <message>
        <location filename="../../ui/edit_steps.py" line="33"/>
        <source>it is on a read-only disk or share</source>
        <translation>它位于只读的磁盘或共享上</translation>
    </message>
    <message>
        <location filename="../../ui/edit_steps.py" line="33"/>
        <source>it cannot be written</source>
        <translation>它无法写入</translation>
    </message>
    <message>
        <location filename="../../ui/edit_steps.py" line="35"/>
        <source>&lt;b&gt;Read-only:&lt;/b&gt; another ShelfWise window has this shop open, so it is only shown here: make changes in that window, or close it and open the shop here again.</source>
        <translation>&lt;b&gt;只读：&lt;/b&gt;另一个 ShelfWise 窗口已打开这个店铺，这里只能查看：请在那个窗口中修改，或关闭它后在这里重新打开店铺。</translation>
    </message>
    <message>
        <location filename="../../ui/edit_steps.py" line="39"/>
        <source>&lt;b&gt;Read-only:&lt;/b&gt; this shop can be looked at but not changed: {why}. To work with it, copy the file to a folder you can write to (such as Documents) and open the copy.</source>
        <translation>&lt;b&gt;只读：&lt;/b&gt;这个店铺只能查看，不能修改：{why}。如需使用，请把文件复制到可以写入的文件夹（如“文档”），再打开副本。</translation>
    </message>
    <message>
        <location filename="../../ui/edit_steps.py" line="57"/>
        <source>&amp;Undo {what}</source>
        <translation>撤销(&amp;U)：{what}</translation>
    </message>
    <message>
        <location filename="../../ui/edit_steps.py" line="57"/>
        <location filename="../../ui/main_window.py" line="145"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/edit_steps.py" line="59"/>
        <source>&amp;Redo {what}</source>
        <translation>重做(&amp;R)：{what}</translation>
    </message>
    <message>
        <location filename="../../ui/edit_steps.py" line="59"/>
        <location filename="../../ui/main_window.py" line="146"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/edit_steps.py" line="65"/>
        <source>Undone: {what}</source>
        <translation>已撤销：{what}</translation>
    </message>
    <message>
        <location filename="../../ui/edit_steps.py" line="71"/>
        <source>Done again: {what}</source>
        <translation>已重做：{what}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="60"/>
        <source>ShelfWise</source>
        <translation>ShelfWise</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="84"/>
        <source>Dashboard</source>
        <translation>概览</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="84"/>
        <source>Products</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="85"/>
        <source>Suppliers</source>
        <translation>供应商</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="86"/>
        <source>Forecast</source>
        <translation>预测</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="86"/>
        <source>Orders</source>
        <translation>订货</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="87"/>
        <source>Purchase orders</source>
        <translation>采购单</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="88"/>
        <source>Imports</source>
        <translation>导入记录</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="113"/>
        <source>No shop open</source>
        <translation>没有打开店铺</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="115"/>
        <source>Where the neural forecasting model runs: a graphics card (GPU) makes it much quicker than the processor (CPU)</source>
        <translation>神经网络预测模型的运行位置：显卡（GPU）比处理器（CPU）快得多</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="128"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="129"/>
        <source>&amp;New shop…</source>
        <translation>新建店铺(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="130"/>
        <source>&amp;Open shop…</source>
        <translation>打开店铺(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="131"/>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="134"/>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="135"/>
        <source>Ctrl+I</source>
        <translation>Ctrl+I</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="137"/>
        <source>&amp;Back up now…</source>
        <translation>立即备份(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="138"/>
        <source>Restore from &amp;backup…</source>
        <translation>从备份恢复(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="140"/>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="143"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="144"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="148"/>
        <source>&amp;Plan</source>
        <translation>计划(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="149"/>
        <source>&amp;Replay a policy on your past…</source>
        <translation>用过去的数据回放订货策略(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="170"/>
        <source>(none yet)</source>
        <translation>（暂无）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="177"/>
        <source>Opening {name}…</source>
        <translation>正在打开 {name}…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="194"/>
        <source>Opened {name}</source>
        <translation>已打开 {name}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="212"/>
        <source>{shop} — ShelfWise</source>
        <translation>{shop} — ShelfWise</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="214"/>
        <source>{shop}: {products}, {suppliers}, {lines}</source>
        <translation>{shop}：{products}，{suppliers}，{lines}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="216"/>
        <source>1 product</source>
        <translation>1 个商品</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="216"/>
        <source>{n} products</source>
        <translation>{n} 个商品</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="217"/>
        <source>1 supplier</source>
        <translation>1 个供应商</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="217"/>
        <source>{n} suppliers</source>
        <translation>{n} 个供应商</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="218"/>
        <source>1 sales line</source>
        <translation>1 行销售</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="218"/>
        <source>{n} sales lines</source>
        <translation>{n} 行销售</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="220"/>
        <source> ({first} to {last})</source>
        <translation>（{first} 至 {last}）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="260"/>
        <source>Select products (Ctrl+A for all shown), then Change selected…</source>
        <translation>选择商品（Ctrl+A 选择全部显示的商品），然后点“修改所选…”</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="267"/>
        <source>{sku} is not in the plan</source>
        <translation>{sku} 不在计划中</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="277"/>
        <location filename="../../ui/main_window.py" line="280"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="277"/>
        <location filename="../../ui/main_window.py" line="306"/>
        <location filename="../../ui/main_window.py" line="316"/>
        <source>Open or create a shop first.</source>
        <translation>请先打开或新建一个店铺。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="296"/>
        <source>Imported {n} rows from {file}</source>
        <translation>已从 {file} 导入 {n} 行</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="306"/>
        <source>Replay</source>
        <translation>回放</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="316"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="330"/>
        <source>Settings saved: {n} codes are not products</source>
        <translation>设置已保存：{n} 个编码不是商品</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="350"/>
        <source>Neural model: {device}</source>
        <translation>神经网络模型：{device}</translation>
    </message>
    <message>
        <location filename="../../ui/shop_files.py" line="65"/>
        <source>Back up the shop</source>
        <translation>备份店铺</translation>
    </message>
    <message>
        <location filename="../../ui/shop_files.py" line="71"/>
        <source>Backed up to {path}.</source>
        <translation>已备份到 {path}。</translation>
    </message>
    <message>
        <location filename="../../ui/shop_files.py" line="91"/>
        <source>Restored the backup of {when}; the shop as it was is kept as {kept}.</source>
        <translation>已恢复 {when} 的备份；恢复前的店铺另存为 {kept}。</translation>
    </message>
    <message>
        <location filename="../../ui/shop_files.py" line="102"/>
        <source>Open shop</source>
        <translation>打开店铺</translation>
    </message>
    <message>
        <location filename="../../ui/shop_files.py" line="107"/>
        <source>ShelfWise shops (*.db *.shelfwise);;All files (*)</source>
        <translation>ShelfWise 店铺 (*.db *.shelfwise);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/shop_files.py" line="115"/>
        <location filename="../../ui/shop_files.py" line="125"/>
        <source>New shop</source>
        <translation>新建店铺</translation>
    </message>
    <message>
        <location filename="../../ui/shop_files.py" line="125"/>
        <source>{name} already exists. Choose another name, or open it with File ▸ Open shop.</source>
        <translation>{name} 已存在。请换个名字，或用“文件 ▸ 打开店铺”打开它。</translation>
    </message>
    <message>
        <location filename="../../ui/shop_files.py" line="135"/>
        <source>Building the demo shop, a one-time step…</source>
        <translation>正在生成演示店铺，只需一次…</translation>
    </message>
    <message>
        <location filename="../../ui/shop_files.py" line="144"/>
        <source>The shop is open in another window</source>
        <translation>店铺已在另一个窗口中打开</translation>
    </message>
    <message>
        <location filename="../../ui/shop_files.py" line="146"/>
        <source>Open read-only</source>
        <translation>以只读方式打开</translation>
    </message>
    <message>
        <location filename="../../ui/shop_files.py" line="156"/>
        <source>The shop file is damaged</source>
        <translation>店铺文件已损坏</translation>
    </message>
    <message>
        <location filename="../../ui/shop_files.py" line="158"/>
        <source>Restore from backup…</source>
        <translation>从备份恢复…</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <location filename="../../ui/wizard/mapping_page.py" line="119"/>
        <source>Which of your columns holds what?</source>
        <translation>您的每一列分别是什么？</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/mapping_page.py" line="120"/>
        <source>ShelfWise guessed from your column names. Check each one and change it where the guess is wrong; columns set to “— ignore —” are left out.</source>
        <translation>ShelfWise 根据列名做了猜测。请逐一检查，猜错的请修改；设为“— 忽略 —”的列不会导入。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/mapping_page.py" line="138"/>
        <location filename="../../ui/wizard/mapping_page.py" line="234"/>
        <source>e.g. 2024-06</source>
        <translation>如 2024-06</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/mapping_page.py" line="156"/>
        <source>The first rows of your sheet (row numbers as in your file):</source>
        <translation>工作表的前几行（行号与您的文件一致）：</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/mapping_page.py" line="186"/>
        <source>Reading {file}…</source>
        <translation>正在读取 {file}…</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/mapping_page.py" line="227"/>
        <source>These {n} columns have no year. Which year is &apos;{newest}&apos; in? (such as 2024)</source>
        <translation>这 {n} 列没有年份。“{newest}”属于哪一年？（例如 2024）</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/mapping_page.py" line="229"/>
        <source>e.g. 2024</source>
        <translation>例如 2024</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/mapping_page.py" line="231"/>
        <source>These {n} columns have no dates. Which period is &apos;{newest}&apos;? (a month such as 2024-06, a week 2024-W05, or a day 2024-06-30)</source>
        <translation>这 {n} 列没有日期。“{newest}”是哪个时期？（月份如 2024-06，周如 2024-W05，或日期 2024-06-30）</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/mapping_page.py" line="243"/>
        <source>Your column</source>
        <translation>您的列</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/mapping_page.py" line="243"/>
        <source>holds</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/mapping_page.py" line="243"/>
        <source>for example</source>
        <translation>示例</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/mapping_page.py" line="253"/>
        <source>— ignore —</source>
        <translation>— 忽略 —</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/mapping_page.py" line="255"/>
        <source> (needed)</source>
        <translation>（必填）</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/mapping_page.py" line="307"/>
        <source>&lt;b&gt;Layout: a grid&lt;/b&gt; — one row per product, with {n} columns of months or weeks that have no year: say below which year the last of them is in.</source>
        <translation>&lt;b&gt;布局：表格&lt;/b&gt; — 每个商品一行，其中 {n} 列月份或周没有年份：请在下面说明最后一列属于哪一年。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/mapping_page.py" line="310"/>
        <source>&lt;b&gt;Layout: a grid&lt;/b&gt; — one row per product, with {n} period columns that have no dates: say below which period the newest is.</source>
        <translation>&lt;b&gt;布局：表格&lt;/b&gt;——每个商品一行，有 {n} 个没有日期的时期列：请在下面说明最新的是哪个时期。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/mapping_page.py" line="314"/>
        <source>daily</source>
        <translation>每日</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/mapping_page.py" line="314"/>
        <source>weekly</source>
        <translation>每周</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/mapping_page.py" line="314"/>
        <source>monthly</source>
        <translation>每月</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/mapping_page.py" line="316"/>
        <source>&lt;b&gt;Layout: a grid&lt;/b&gt; — one row per product, with {n} columns of {unit} figures ({first} to {last}). Each of those columns gives the quantity for its period.</source>
        <translation>&lt;b&gt;格式：表格&lt;/b&gt; — 每个商品一行，共 {n} 列{unit}数据（{first} 至 {last}）。每一列是该时段的数量。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/mapping_page.py" line="319"/>
        <source>&lt;b&gt;Layout: a list&lt;/b&gt; — one row per sale (or per product and day). {rows} rows to read.</source>
        <translation>&lt;b&gt;格式：清单&lt;/b&gt; — 每笔销售（或每个商品每天）一行。共 {rows} 行待读取。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/mapping_page.py" line="323"/>
        <source>&lt;b&gt;Recognised: {source}&lt;/b&gt; — its columns are read as that system writes them, and its rules apply: {rules}.</source>
        <translation>&lt;b&gt;已识别：{source}&lt;/b&gt;——按该系统写出的列读取，并适用它的规则：{rules}。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/mapping_page.py" line="350"/>
        <source>the year</source>
        <translation>年份</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/mapping_page.py" line="350"/>
        <source>the newest period</source>
        <translation>最新的时期</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/mapping_page.py" line="364"/>
        <source>&lt;b&gt;Still needed:&lt;/b&gt; {fields}. Pick the column that holds each.</source>
        <translation>&lt;b&gt;还缺：&lt;/b&gt;{fields}。请为每一项选择对应的列。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/mapping_page.py" line="368"/>
        <source>Every needed field has a column.</source>
        <translation>每个必填项都有对应的列。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/mapping_page.py" line="373"/>
        <source>quantity in {month}</source>
        <translation>{month}数量</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/mapping_page.py" line="375"/>
        <source>quantity, week of {day}</source>
        <translation>{day} 当周数量</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/mapping_page.py" line="376"/>
        <source>quantity on {day}</source>
        <translation>{day} 数量</translation>
    </message>
</context>
<context>
    <name>OrderingSettings</name>
    <message>
        <location filename="../../ui/dialogs/ordering_settings.py" line="73"/>
        <source>How ShelfWise decides when and how much to order. The next plan uses these settings.</source>
        <translation>ShelfWise 如何决定何时订货、订多少。下次计划会使用这些设置。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ordering_settings.py" line="78"/>
        <source>Service level</source>
        <translation>服务水平</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ordering_settings.py" line="79"/>
        <source>The chance that a product is still on the shelf when the next delivery arrives. Higher means fewer empty shelves and more stock; each step towards 100% costs more than the one before.</source>
        <translation>下次到货时商品仍在货架上的概率。越高，空货架越少、库存越多；越接近 100%，每提高一步的代价越大。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ordering_settings.py" line="85"/>
        <source>the products that bring in 80% of the sales value</source>
        <translation>贡献 80% 销售额的商品</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ordering_settings.py" line="86"/>
        <source>the next 15%</source>
        <translation>其后 15%</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ordering_settings.py" line="86"/>
        <source>the last 5%</source>
        <translation>最后 5%</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ordering_settings.py" line="88"/>
        <source>Class {abc} ({meaning})</source>
        <translation>{abc} 类（{meaning}）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ordering_settings.py" line="93"/>
        <source>What a year on the shelf costs, as a share of what the product cost you: money tied up, space, breakage, going out of date</source>
        <translation>商品在货架上放一年的成本，占进价的比例：占用资金、占用空间、损坏、过期</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ordering_settings.py" line="96"/>
        <source>What placing one order with a supplier costs: your time, delivery</source>
        <translation>向供应商下一次订单的成本：您的时间、运费</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ordering_settings.py" line="98"/>
        <source>What one more product on an order adds: checking it in, shelving</source>
        <translation>订单上每多一个商品增加的成本：验收、上架</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ordering_settings.py" line="103"/>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ordering_settings.py" line="104"/>
        <source>Used where neither the product nor its supplier says how long a delivery takes</source>
        <translation>商品和供应商都没有说明交货要多久时使用</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ordering_settings.py" line="106"/>
        <source>Costs</source>
        <translation>成本</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ordering_settings.py" line="108"/>
        <source>Holding cost, a year</source>
        <translation>每年持有成本</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ordering_settings.py" line="109"/>
        <source>Cost of an order</source>
        <translation>每次订货成本</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ordering_settings.py" line="110"/>
        <source>Cost of an order line</source>
        <translation>每个订货行成本</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ordering_settings.py" line="111"/>
        <source>Delivery time where not known</source>
        <translation>默认交货期</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ordering_settings.py" line="114"/>
        <source>Alert when the stock lasts longer than this at the forecast&apos;s pace</source>
        <translation>按预测的销售速度，库存能撑过这么久时提醒</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ordering_settings.py" line="116"/>
        <source>Alert when a product in stock has not sold for this long</source>
        <translation>有库存的商品这么久没卖出时提醒</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ordering_settings.py" line="117"/>
        <source>Alerts</source>
        <translation>提醒</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ordering_settings.py" line="119"/>
        <source>Overstock: more cover than</source>
        <translation>库存积压：可售天数超过</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ordering_settings.py" line="120"/>
        <source>Dead stock: no sale for</source>
        <translation>滞销库存：未售出超过</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ordering_settings.py" line="129"/>
        <source>Policy</source>
        <translation>订货策略</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ordering_settings.py" line="134"/>
        <source>Leave them out of orders until they are counted</source>
        <translation>盘点之前不为它们订货</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ordering_settings.py" line="135"/>
        <source>Order them as if none were on the shelf</source>
        <translation>按货架上没有库存来订货</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ordering_settings.py" line="136"/>
        <source>Without a stock count nobody knows what is on the shelf: planning such products from 0 orders as if the shop were empty</source>
        <translation>没有盘点就不知道货架上有多少：按 0 来计划，会像店里空了一样订货</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ordering_settings.py" line="139"/>
        <source>Products never counted:</source>
        <translation>从未盘点的商品：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ordering_settings.py" line="143"/>
        <source>Ask on the Orders page</source>
        <translation>在“订货”页面询问</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ordering_settings.py" line="144"/>
        <source>Plan for today</source>
        <translation>按今天计划</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ordering_settings.py" line="145"/>
        <source>Plan as of the day they end</source>
        <translation>按销售记录截止日计划</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ordering_settings.py" line="147"/>
        <source>Sales that end long before today:</source>
        <translation>销售记录早已截止时：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ordering_settings.py" line="151"/>
        <source>As the imported sheets keep them</source>
        <translation>按导入表格的记录方式</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ordering_settings.py" line="152"/>
        <source>Day by day</source>
        <translation>按天</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ordering_settings.py" line="153"/>
        <source>Week by week</source>
        <translation>按周</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ordering_settings.py" line="154"/>
        <source>Month by month</source>
        <translation>按月</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ordering_settings.py" line="155"/>
        <source>A shop whose sheets hold one total per week or per month is forecast and planned in weeks or months; choose here to decide yourself</source>
        <translation>表格中每周或每月只有一个合计的店铺，会按周或按月预测和计划；也可以在这里自行选择</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ordering_settings.py" line="158"/>
        <source>Forecast and plan sales:</source>
        <translation>预测和计划销售：</translation>
    </message>
</context>
<context>
    <name>OrdersPage</name>
    <message>
        <location filename="../../ui/models/order_lines.py" line="38"/>
        <source>under 0.01</source>
        <translation>不到 0.01</translation>
    </message>
    <message>
        <location filename="../../ui/models/order_lines.py" line="60"/>
        <location filename="../../ui/models/order_lines.py" line="169"/>
        <source>1 line</source>
        <translation>1 行</translation>
    </message>
    <message>
        <location filename="../../ui/models/order_lines.py" line="60"/>
        <location filename="../../ui/models/order_lines.py" line="170"/>
        <source>{n} lines</source>
        <translation>{n} 行</translation>
    </message>
    <message>
        <location filename="../../ui/models/order_lines.py" line="61"/>
        <source>{lines} from 1 supplier</source>
        <translation>{lines}，来自 1 家供应商</translation>
    </message>
    <message>
        <location filename="../../ui/models/order_lines.py" line="61"/>
        <source>{lines} from {s} suppliers</source>
        <translation>{lines}，来自 {s} 家供应商</translation>
    </message>
    <message>
        <location filename="../../ui/models/order_lines.py" line="68"/>
        <source>Yours: {reason}</source>
        <translation>自定：{reason}</translation>
    </message>
    <message>
        <location filename="../../ui/models/order_lines.py" line="70"/>
        <source>Cut from {before}</source>
        <translation>由 {before} 削减</translation>
    </message>
    <message>
        <location filename="../../ui/models/order_lines.py" line="72"/>
        <source>Raised from {before} to reach the supplier&apos;s minimum</source>
        <translation>由 {before} 增加，以达到供应商的最低订货额</translation>
    </message>
    <message>
        <location filename="../../ui/models/order_lines.py" line="78"/>
        <source>Cut from {before} to {after} to fit the budget or the supplier&apos;s terms</source>
        <translation>由 {before} 削减到 {after}，以符合预算或供应商的条件</translation>
    </message>
    <message>
        <location filename="../../ui/models/order_lines.py" line="81"/>
        <source>; expected lost margin {money} (sales the cut is likely to lose, at their margin)</source>
        <translation>；预计损失毛利 {money}（削减可能丢掉的销售，按其毛利计）</translation>
    </message>
    <message>
        <location filename="../../ui/models/order_lines.py" line="89"/>
        <source>Your own quantity (suggested: {suggested}). Reason: {reason}</source>
        <translation>您自定的数量（建议：{suggested}）。原因：{reason}</translation>
    </message>
    <message>
        <location filename="../../ui/models/order_lines.py" line="91"/>
        <source>Double-click to put in your own quantity</source>
        <translation>双击可填写自己的数量</translation>
    </message>
    <message>
        <location filename="../../ui/models/order_lines.py" line="97"/>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../../ui/models/order_lines.py" line="98"/>
        <source>Description</source>
        <translation>商品名称</translation>
    </message>
    <message>
        <location filename="../../ui/models/order_lines.py" line="99"/>
        <source>On
hand</source>
        <translation>现有
库存</translation>
    </message>
    <message>
        <location filename="../../ui/models/order_lines.py" line="100"/>
        <source>On
order</source>
        <translation>在途</translation>
    </message>
    <message>
        <location filename="../../ui/models/order_lines.py" line="101"/>
        <source>Reorder
point</source>
        <translation>再订
货点</translation>
    </message>
    <message>
        <location filename="../../ui/models/order_lines.py" line="102"/>
        <source>Order when the stock on hand and on order is below this</source>
        <translation>现有加在途库存低于此数时订货</translation>
    </message>
    <message>
        <location filename="../../ui/models/order_lines.py" line="103"/>
        <source>Order
up to</source>
        <translation>补货
上限</translation>
    </message>
    <message>
        <location filename="../../ui/models/order_lines.py" line="104"/>
        <source>An order brings the stock on hand and on order up to this</source>
        <translation>订货后现有加在途库存补到此数</translation>
    </message>
    <message>
        <location filename="../../ui/models/order_lines.py" line="105"/>
        <source>Sug-
gested</source>
        <translation>建议
数量</translation>
    </message>
    <message>
        <location filename="../../ui/models/order_lines.py" line="106"/>
        <source>What the reorder levels ask for, in whole packs</source>
        <translation>按再订货水平需要的数量，按整包计</translation>
    </message>
    <message>
        <location filename="../../ui/models/order_lines.py" line="107"/>
        <location filename="../../ui/widgets/line_detail.py" line="102"/>
        <source>Order</source>
        <translation>订货</translation>
    </message>
    <message>
        <location filename="../../ui/models/order_lines.py" line="109"/>
        <location filename="../../ui/widgets/line_detail.py" line="103"/>
        <source>Value</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../ui/models/order_lines.py" line="110"/>
        <source>Runs
out</source>
        <translation>缺货
日期</translation>
    </message>
    <message>
        <location filename="../../ui/models/order_lines.py" line="112"/>
        <source>Lasts beyond the forecast</source>
        <translation>在预测期内不会缺货</translation>
    </message>
    <message>
        <location filename="../../ui/models/order_lines.py" line="113"/>
        <source>Lost
margin</source>
        <translation>损失
毛利</translation>
    </message>
    <message>
        <location filename="../../ui/models/order_lines.py" line="114"/>
        <source>Expected lost margin: the sales this cut is likely to lose, at their margin</source>
        <translation>预计损失毛利：这次削减可能丢掉的销售，按其毛利计</translation>
    </message>
    <message>
        <location filename="../../ui/models/order_lines.py" line="117"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/models/order_lines.py" line="168"/>
        <source>Order by {day}</source>
        <translation>{day} 前下单</translation>
    </message>
    <message>
        <location filename="../../ui/models/order_lines.py" line="169"/>
        <source>nothing ordered</source>
        <translation>不订货</translation>
    </message>
    <message>
        <location filename="../../ui/models/order_lines.py" line="174"/>
        <location filename="../../ui/pages/orders_page.py" line="324"/>
        <location filename="../../ui/pages/orders_page.py" line="381"/>
        <source>All suppliers</source>
        <translation>所有供应商</translation>
    </message>
    <message>
        <location filename="../../ui/pages/order_plan_actions.py" line="67"/>
        <source>Making the draft purchase orders…</source>
        <translation>正在生成采购单草稿…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/order_plan_actions.py" line="89"/>
        <source>Keeping your quantity and planning again…</source>
        <translation>保留您的数量并重新计划…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/order_plan_actions.py" line="97"/>
        <source>Back to the suggestion, planning again…</source>
        <translation>恢复建议数量，正在重新计划…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="65"/>
        <location filename="../../ui/pages/orders_page.py" line="200"/>
        <source>No shop is open.</source>
        <translation>没有打开店铺。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="71"/>
        <location filename="../../ui/pages/orders_page.py" line="213"/>
        <source>Orders</source>
        <translation>订货</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="73"/>
        <source>Budget for these orders</source>
        <translation>本次订货预算</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="74"/>
        <source>Spend at most this much over every supplier: the money goes where it avoids the most lost sales</source>
        <translation>所有供应商合计最多花这么多：钱会花在最能避免丢单的地方</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="84"/>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="85"/>
        <source>Keep this budget (or none) and plan again</source>
        <translation>保留这个预算（或不设预算）并重新计划</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="87"/>
        <source>Plan orders</source>
        <translation>计划订货</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="88"/>
        <source>Work out what to order from each supplier, from the latest forecast (where there is none yet, every product is forecast first: that takes a few minutes)</source>
        <translation>根据最新预测算出向每个供应商订什么（如果还没有预测，会先预测每个商品：需要几分钟）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="92"/>
        <source>Create purchase orders</source>
        <translation>生成采购单</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="116"/>
        <source>Search by code or description</source>
        <translation>按编码或名称搜索</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="119"/>
        <source>Show all products</source>
        <translation>显示所有商品</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="120"/>
        <source>Also list the products with nothing to order today</source>
        <translation>也列出今天不需要订货的商品</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="176"/>
        <source>Plan for today</source>
        <translation>按今天计划</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="177"/>
        <source>The usual case: your sales file is just old. Counts, orders and deliveries you record today count in the plan.</source>
        <translation>通常情况：只是销售文件比较旧。您今天录入的盘点、采购单和到货都会计入计划。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="202"/>
        <source>Press Plan orders to work out what to order from each supplier.

The plan starts from the latest forecast; where there is none yet, every product is forecast first (a few minutes).</source>
        <translation>点“计划订货”算出向每个供应商订什么。

计划以最新预测为基础；如果还没有预测，会先预测每个商品（需要几分钟）。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="219"/>
        <source>Reading the forecast…</source>
        <translation>正在读取预测…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="226"/>
        <source>Planning within the budget…</source>
        <translation>正在按预算计划…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="255"/>
        <source>Your sales end on {day}, {days} days before today, so this plan is for {plan_day}. Plan for today instead (your file is just old), or keep looking back?</source>
        <translation>您的销售记录截止于 {day}，距今 {days} 天，所以这份计划是 {plan_day} 的。改为按今天计划（只是文件比较旧），还是继续按过去计划？</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="259"/>
        <source>Plan as of {day}</source>
        <translation>按 {day} 计划</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="284"/>
        <source>No order can solve this:</source>
        <translation>任何订单都无法解决：</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="287"/>
        <source>Orders for {day}</source>
        <translation>{day} 的订货</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="301"/>
        <source>From the forecast of sales up to {as_of}: &lt;b&gt;{lines}&lt;/b&gt;, &lt;b&gt;{total}&lt;/b&gt; in all.</source>
        <translation>根据截至 {as_of} 的销售预测：&lt;b&gt;{lines}&lt;/b&gt;，共 &lt;b&gt;{total}&lt;/b&gt;。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="306"/>
        <source>Budget &lt;b&gt;{budget}&lt;/b&gt;.</source>
        <translation>预算 &lt;b&gt;{budget}&lt;/b&gt;。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="308"/>
        <source>&lt;span style=&apos;color:{colour}&apos;&gt;{n} lines cut to fit it, {dropped} of them to nothing (highlighted): expected lost margin &lt;b&gt;{lost}&lt;/b&gt;.&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:{colour}&apos;&gt;为符合预算削减了 {n} 行，其中 {dropped} 行减为零（已高亮）：预计损失毛利 &lt;b&gt;{lost}&lt;/b&gt;。&lt;/span&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="313"/>
        <source>Nothing had to be cut to fit it.</source>
        <translation>不需要削减就能符合预算。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="316"/>
        <source>One quantity is your own (in bold).</source>
        <translation>有一个数量是您自定的（粗体）。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="318"/>
        <source>{n} quantities are your own (in bold).</source>
        <translation>有 {n} 个数量是您自定的（粗体）。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="348"/>
        <source>Store this plan&apos;s order to {supplier} as a draft purchase order, to check, print, save or e-mail on the Purchase orders page</source>
        <translation>把这个计划中给 {supplier} 的订单存为采购单草稿，可在“采购单”页检查、打印、保存或发邮件</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="350"/>
        <source>Store this plan&apos;s orders as draft purchase orders, one per supplier, to check, print, save or e-mail on the Purchase orders page</source>
        <translation>把这个计划的订单存为采购单草稿，每个供应商一张，可在“采购单”页检查、打印、保存或发邮件</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="382"/>
        <source>{n} products</source>
        <translation>{n} 个商品</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="383"/>
        <source>{n} lines to order</source>
        <translation>{n} 行要订货</translation>
    </message>
    <message>
        <location filename="../../ui/pages/orders_page.py" line="383"/>
        <source>1 line to order</source>
        <translation>1 行要订货</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/line_detail.py" line="26"/>
        <source>1 week ({days} days)</source>
        <translation>1 周（{days} 天）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/line_detail.py" line="26"/>
        <source>{n} weeks ({days} days)</source>
        <translation>{n} 周（{days} 天）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/line_detail.py" line="30"/>
        <source>1 month ({days} days)</source>
        <translation>1 个月（{days} 天）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/line_detail.py" line="30"/>
        <source>{n} months ({days} days)</source>
        <translation>{n} 个月（{days} 天）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/line_detail.py" line="32"/>
        <source>{n} days</source>
        <translation>{n} 天</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/line_detail.py" line="42"/>
        <source>Change quantity…</source>
        <translation>修改数量…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/line_detail.py" line="43"/>
        <source>Put in your own quantity for this product, with the reason</source>
        <translation>为这个商品填写自己的数量和原因</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/line_detail.py" line="44"/>
        <source>Reset to suggestion</source>
        <translation>恢复建议数量</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/line_detail.py" line="45"/>
        <source>Forget your own quantity: the plan&apos;s suggestion is used again</source>
        <translation>放弃自定的数量：重新使用计划的建议</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/line_detail.py" line="76"/>
        <source>No line chosen</source>
        <translation>未选择订货行</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/line_detail.py" line="78"/>
        <source>Choose a line to see how its quantity was worked out.</source>
        <translation>选择一行，查看它的数量是怎么算出来的。</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/line_detail.py" line="80"/>
        <source>no supplier yet</source>
        <translation>尚无供应商</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/line_detail.py" line="85"/>
        <source>&lt;b&gt;Your own quantity: {qty}&lt;/b&gt; — {reason}</source>
        <translation>&lt;b&gt;您自定的数量：{qty}&lt;/b&gt; — {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/line_detail.py" line="87"/>
        <source>&lt;b&gt;How it was worked out&lt;/b&gt;</source>
        <translation>&lt;b&gt;计算过程&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/line_detail.py" line="93"/>
        <source>On hand</source>
        <translation>现有库存</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/line_detail.py" line="94"/>
        <source>On order</source>
        <translation>在途</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/line_detail.py" line="95"/>
        <source>Lead time</source>
        <translation>交货期</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/line_detail.py" line="96"/>
        <source>Service level</source>
        <translation>服务水平</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/line_detail.py" line="97"/>
        <source>Demand over lead time</source>
        <translation>交货期内需求</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/line_detail.py" line="98"/>
        <source>Safety stock</source>
        <translation>安全库存</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/line_detail.py" line="99"/>
        <source>Reorder point</source>
        <translation>再订货点</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/line_detail.py" line="100"/>
        <source>Order up to</source>
        <translation>补货上限</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/line_detail.py" line="101"/>
        <source>Suggested</source>
        <translation>建议数量</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/line_detail.py" line="104"/>
        <source>Pack / minimum</source>
        <translation>包装 / 起订量</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/line_detail.py" line="105"/>
        <source>Runs out</source>
        <translation>将缺货</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/line_detail.py" line="105"/>
        <source>not in the forecast</source>
        <translation>预测期内不会</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/line_detail.py" line="106"/>
        <source>Next delivery</source>
        <translation>下次到货</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/line_detail.py" line="109"/>
        <source>Expected lost margin</source>
        <translation>预计损失毛利</translation>
    </message>
</context>
<context>
    <name>OverrideDialog</name>
    <message>
        <location filename="../../ui/dialogs/override_dialog.py" line="20"/>
        <source>Override the forecast</source>
        <translation>手动调整预测</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/override_dialog.py" line="21"/>
        <source>For these days the forecast of {product} is replaced by your own figure. Use it for what the history cannot know: a planned promotion, a market stall, a big order already promised.</source>
        <translation>在这些日子里，{product} 的预测会换成您自己填的数字。用于历史数据无法知道的情况：计划中的促销、市集摆摊、已经答应的大单。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/override_dialog.py" line="35"/>
        <source> a day</source>
        <translation> 每天</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/override_dialog.py" line="37"/>
        <source>Why? For example: summer fair on the green</source>
        <translation>原因？例如：广场夏季集市</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/override_dialog.py" line="41"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/override_dialog.py" line="42"/>
        <source>To</source>
        <translation>到</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/override_dialog.py" line="43"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/override_dialog.py" line="44"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/override_dialog.py" line="47"/>
        <source>Override</source>
        <translation>调整</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/override_dialog.py" line="61"/>
        <source>The last day comes before the first.</source>
        <translation>结束日期早于开始日期。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/override_dialog.py" line="63"/>
        <source>A note is needed: it is kept with the override.</source>
        <translation>需要填写备注：它会和这次调整一起保存。</translation>
    </message>
</context>
<context>
    <name>PreviewModel</name>
    <message>
        <location filename="../../ui/wizard/mapping_page.py" line="104"/>
        <source>(ignored)</source>
        <translation>（忽略）</translation>
    </message>
</context>
<context>
    <name>ProblemsPanel</name>
    <message>
        <location filename="../../ui/wizard/import_report.py" line="56"/>
        <source>All problems</source>
        <translation>所有问题</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_report.py" line="56"/>
        <source>Rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_report.py" line="57"/>
        <source>Kept with a warning</source>
        <translation>保留但有警告</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_report.py" line="57"/>
        <source>Set aside</source>
        <translation>已搁置</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_report.py" line="64"/>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_report.py" line="90"/>
        <source>No problems: every row could be used as it is.</source>
        <translation>没有问题：每一行都能直接使用。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_report.py" line="92"/>
        <source>{n} rows listed</source>
        <translation>列出 {n} 行</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_report.py" line="94"/>
        <source>{shown} of {listed} rows listed</source>
        <translation>列出 {listed} 行中的 {shown} 行</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_report.py" line="96"/>
        <source> (only the first {listed} of {total} are kept)</source>
        <translation>（共 {total} 行，只保留前 {listed} 行）</translation>
    </message>
</context>
<context>
    <name>ProductEditDialog</name>
    <message>
        <location filename="../../ui/dialogs/product_edit_dialog.py" line="18"/>
        <source>Change {count} products</source>
        <translation>修改 {count} 个商品</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/product_edit_dialog.py" line="19"/>
        <source>Change {sku}</source>
        <translation>修改 {sku}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/product_edit_dialog.py" line="20"/>
        <source>Set one field for the selected products (Edit ▸ Undo takes it back).</source>
        <translation>为所选商品设置一个字段（可用“编辑 ▸ 撤销”取消）。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/product_edit_dialog.py" line="27"/>
        <source>(no supplier)</source>
        <translation>（无供应商）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/product_edit_dialog.py" line="31"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/product_edit_dialog.py" line="32"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/product_edit_dialog.py" line="38"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/product_edit_dialog.py" line="39"/>
        <source>New value</source>
        <translation>新值</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/product_edit_dialog.py" line="52"/>
        <source>empty: not known</source>
        <translation>留空：未知</translation>
    </message>
</context>
<context>
    <name>ProductsPage</name>
    <message>
        <location filename="../../ui/pages/products_page.py" line="30"/>
        <source>Sold, last month</source>
        <translation>上月销量</translation>
    </message>
    <message>
        <location filename="../../ui/pages/products_page.py" line="30"/>
        <source>Sold, last 3 months</source>
        <translation>近 3 个月销量</translation>
    </message>
    <message>
        <location filename="../../ui/pages/products_page.py" line="32"/>
        <source>Sold, last 4 weeks</source>
        <translation>近 4 周销量</translation>
    </message>
    <message>
        <location filename="../../ui/pages/products_page.py" line="32"/>
        <source>Sold, last 13 weeks</source>
        <translation>近 13 周销量</translation>
    </message>
    <message>
        <location filename="../../ui/pages/products_page.py" line="33"/>
        <source>Sold, 30 days</source>
        <translation>30 天销量</translation>
    </message>
    <message>
        <location filename="../../ui/pages/products_page.py" line="33"/>
        <source>Sold, 90 days</source>
        <translation>90 天销量</translation>
    </message>
    <message>
        <location filename="../../ui/pages/products_page.py" line="40"/>
        <source>Product code</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <location filename="../../ui/pages/products_page.py" line="41"/>
        <source>Description</source>
        <translation>商品名称</translation>
    </message>
    <message>
        <location filename="../../ui/pages/products_page.py" line="42"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ui/pages/products_page.py" line="43"/>
        <source>Supplier</source>
        <translation>供应商</translation>
    </message>
    <message>
        <location filename="../../ui/pages/products_page.py" line="44"/>
        <source>On hand</source>
        <translation>现有库存</translation>
    </message>
    <message>
        <location filename="../../ui/pages/products_page.py" line="45"/>
        <source>Counted on {date}</source>
        <translation>{date} 盘点</translation>
    </message>
    <message>
        <location filename="../../ui/pages/products_page.py" line="46"/>
        <source>Never counted</source>
        <translation>从未盘点</translation>
    </message>
    <message>
        <location filename="../../ui/pages/products_page.py" line="50"/>
        <source>Last sale</source>
        <translation>最近销售</translation>
    </message>
    <message>
        <location filename="../../ui/pages/products_page.py" line="52"/>
        <source>Active</source>
        <translation>在售</translation>
    </message>
    <message>
        <location filename="../../ui/pages/products_page.py" line="52"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../ui/pages/products_page.py" line="52"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../ui/pages/products_page.py" line="114"/>
        <source>Search by product code or description</source>
        <translation>按商品编码或名称搜索</translation>
    </message>
    <message>
        <location filename="../../ui/pages/products_page.py" line="122"/>
        <location filename="../../ui/pages/products_page.py" line="176"/>
        <source>All suppliers</source>
        <translation>所有供应商</translation>
    </message>
    <message>
        <location filename="../../ui/pages/products_page.py" line="123"/>
        <location filename="../../ui/pages/products_page.py" line="177"/>
        <source>All categories</source>
        <translation>所有类别</translation>
    </message>
    <message>
        <location filename="../../ui/pages/products_page.py" line="130"/>
        <location filename="../../ui/pages/products_page.py" line="235"/>
        <source>Change selected…</source>
        <translation>修改所选…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/products_page.py" line="131"/>
        <source>Set a supplier, a cost, a pack size ... for every selected product</source>
        <translation>为每个所选商品设置供应商、成本、包装数量等</translation>
    </message>
    <message>
        <location filename="../../ui/pages/products_page.py" line="134"/>
        <source>Stocktake…</source>
        <translation>盘点…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/products_page.py" line="135"/>
        <source>Count what is on the shelves: type or scan the counts, or save a count sheet to print</source>
        <translation>清点货架上的库存：输入或扫描盘点数，或保存盘点表打印</translation>
    </message>
    <message>
        <location filename="../../ui/pages/products_page.py" line="154"/>
        <source>No shop is open.</source>
        <translation>没有打开店铺。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/products_page.py" line="181"/>
        <source>This shop has no products yet.

Use File ▸ Import… (or drop a spreadsheet on this window) to bring in your sales or your product list.</source>
        <translation>这个店铺还没有商品。

请用“文件 ▸ 导入…”（或把电子表格拖到这个窗口）导入销售数据或商品清单。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/products_page.py" line="186"/>
        <source>Products</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../ui/pages/products_page.py" line="216"/>
        <source>{n} products</source>
        <translation>{n} 个商品</translation>
    </message>
    <message>
        <location filename="../../ui/pages/products_page.py" line="217"/>
        <source>{shown} of {n} products</source>
        <translation>{n} 个商品中的 {shown} 个</translation>
    </message>
    <message>
        <location filename="../../ui/pages/products_page.py" line="220"/>
        <source>sales up to the end of {month}</source>
        <translation>销售数据截至 {month} 月底</translation>
    </message>
    <message>
        <location filename="../../ui/pages/products_page.py" line="222"/>
        <source>sales up to the week of {day}</source>
        <translation>销售数据截至 {day} 所在的那一周</translation>
    </message>
    <message>
        <location filename="../../ui/pages/products_page.py" line="224"/>
        <source>sales up to {day}</source>
        <translation>销售数据截至 {day}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/products_page.py" line="225"/>
        <source>{count} — {sales_up_to}</source>
        <translation>{count} — {sales_up_to}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/products_page.py" line="234"/>
        <source>Change {count} selected…</source>
        <translation>修改所选 {count} 个…</translation>
    </message>
</context>
<context>
    <name>ProgressPanel</name>
    <message>
        <location filename="../../ui/jobs.py" line="255"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/jobs.py" line="272"/>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <location filename="../../ui/jobs.py" line="281"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
</context>
<context>
    <name>PurchaseOrdersPage</name>
    <message>
        <location filename="../../ui/models/purchase_orders.py" line="26"/>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../ui/models/purchase_orders.py" line="26"/>
        <location filename="../../ui/models/purchase_orders.py" line="36"/>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <location filename="../../ui/models/purchase_orders.py" line="26"/>
        <location filename="../../ui/models/purchase_orders.py" line="37"/>
        <source>Part-received</source>
        <translation>部分到货</translation>
    </message>
    <message>
        <location filename="../../ui/models/purchase_orders.py" line="27"/>
        <location filename="../../ui/models/purchase_orders.py" line="38"/>
        <location filename="../../ui/models/purchase_orders.py" line="80"/>
        <location filename="../../ui/models/purchase_orders.py" line="101"/>
        <location filename="../../ui/models/purchase_orders.py" line="120"/>
        <source>Received</source>
        <translation>已到货</translation>
    </message>
    <message>
        <location filename="../../ui/models/purchase_orders.py" line="27"/>
        <location filename="../../ui/models/purchase_orders.py" line="39"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../ui/models/purchase_orders.py" line="33"/>
        <source>All orders</source>
        <translation>所有订单</translation>
    </message>
    <message>
        <location filename="../../ui/models/purchase_orders.py" line="34"/>
        <source>Open (not all in)</source>
        <translation>未完成（未全部到货）</translation>
    </message>
    <message>
        <location filename="../../ui/models/purchase_orders.py" line="35"/>
        <source>Drafts</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../ui/models/purchase_orders.py" line="50"/>
        <source>1 day</source>
        <translation>1 天</translation>
    </message>
    <message>
        <location filename="../../ui/models/purchase_orders.py" line="50"/>
        <source>{n} days</source>
        <translation>{n} 天</translation>
    </message>
    <message>
        <location filename="../../ui/models/purchase_orders.py" line="58"/>
        <source>{n} late</source>
        <translation>晚 {n}</translation>
    </message>
    <message>
        <location filename="../../ui/models/purchase_orders.py" line="60"/>
        <source>{n} early</source>
        <translation>早 {n}</translation>
    </message>
    <message>
        <location filename="../../ui/models/purchase_orders.py" line="61"/>
        <source>on time</source>
        <translation>准时</translation>
    </message>
    <message>
        <location filename="../../ui/models/purchase_orders.py" line="70"/>
        <location filename="../../ui/models/purchase_orders.py" line="95"/>
        <source>Number</source>
        <translation>单号</translation>
    </message>
    <message>
        <location filename="../../ui/models/purchase_orders.py" line="71"/>
        <location filename="../../ui/models/purchase_orders.py" line="96"/>
        <source>Supplier</source>
        <translation>供应商</translation>
    </message>
    <message>
        <location filename="../../ui/models/purchase_orders.py" line="72"/>
        <location filename="../../ui/models/purchase_orders.py" line="97"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/models/purchase_orders.py" line="73"/>
        <location filename="../../ui/models/purchase_orders.py" line="98"/>
        <source>Ordered</source>
        <translation>下单日期</translation>
    </message>
    <message>
        <location filename="../../ui/models/purchase_orders.py" line="74"/>
        <source>Sent on {day}</source>
        <translation>{day} 发送</translation>
    </message>
    <message>
        <location filename="../../ui/models/purchase_orders.py" line="75"/>
        <location filename="../../ui/models/purchase_orders.py" line="99"/>
        <source>Expected</source>
        <translation>预计到货</translation>
    </message>
    <message>
        <location filename="../../ui/models/purchase_orders.py" line="77"/>
        <source>Lines</source>
        <translation>行数</translation>
    </message>
    <message>
        <location filename="../../ui/models/purchase_orders.py" line="78"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../../ui/models/purchase_orders.py" line="82"/>
        <source>Lead time</source>
        <translation>交货期</translation>
    </message>
    <message>
        <location filename="../../ui/models/purchase_orders.py" line="84"/>
        <source>Days from the order to the delivery</source>
        <translation>从下单到到货的天数</translation>
    </message>
    <message>
        <location filename="../../ui/models/purchase_orders.py" line="85"/>
        <source>Days late</source>
        <translation>延迟天数</translation>
    </message>
    <message>
        <location filename="../../ui/models/purchase_orders.py" line="87"/>
        <source>Days after the expected delivery that it came</source>
        <translation>比预计到货晚了几天</translation>
    </message>
    <message>
        <location filename="../../ui/models/purchase_orders.py" line="103"/>
        <location filename="../../ui/models/purchase_orders.py" line="116"/>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../ui/models/purchase_orders.py" line="104"/>
        <source>In</source>
        <translation>已收</translation>
    </message>
    <message>
        <location filename="../../ui/models/purchase_orders.py" line="105"/>
        <source>Units received so far</source>
        <translation>目前已收到的件数</translation>
    </message>
    <message>
        <location filename="../../ui/models/purchase_orders.py" line="106"/>
        <location filename="../../ui/models/purchase_orders.py" line="118"/>
        <source>Unit cost</source>
        <translation>单位成本</translation>
    </message>
    <message>
        <location filename="../../ui/models/purchase_orders.py" line="107"/>
        <location filename="../../ui/models/purchase_orders.py" line="119"/>
        <source>Line total</source>
        <translation>小计</translation>
    </message>
    <message>
        <location filename="../../ui/models/purchase_orders.py" line="114"/>
        <source>Supplier code</source>
        <translation>供应商编码</translation>
    </message>
    <message>
        <location filename="../../ui/models/purchase_orders.py" line="114"/>
        <source>Our code: {sku}</source>
        <translation>我方编码：{sku}</translation>
    </message>
    <message>
        <location filename="../../ui/models/purchase_orders.py" line="115"/>
        <source>Description</source>
        <translation>商品名称</translation>
    </message>
    <message>
        <location filename="../../ui/models/purchase_orders.py" line="117"/>
        <source>Pack</source>
        <translation>每包</translation>
    </message>
    <message>
        <location filename="../../ui/models/purchase_orders.py" line="155"/>
        <source>Double-click to change the quantity</source>
        <translation>双击修改数量</translation>
    </message>
    <message>
        <location filename="../../ui/pages/purchase_order_actions.py" line="68"/>
        <source>Changing {sku} on {number}…</source>
        <translation>正在修改 {number} 中的 {sku}…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/purchase_order_actions.py" line="77"/>
        <source>Marking the order as sent…</source>
        <translation>正在把订单标记为已发送…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/purchase_order_actions.py" line="78"/>
        <source>{number} marked as sent on {day}; expected {expected}.</source>
        <translation>{number} 已标记为 {day} 发送；预计 {expected} 到货。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/purchase_order_actions.py" line="80"/>
        <source>when it comes</source>
        <translation>到货时</translation>
    </message>
    <message>
        <location filename="../../ui/pages/purchase_order_actions.py" line="101"/>
        <source>Putting the goods on the shelf…</source>
        <translation>正在把货物计入货架库存…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/purchase_order_actions.py" line="105"/>
        <source>{number} is all in (received {day}): the goods are on the shelf.</source>
        <translation>{number} 已全部到货（{day} 收货）：货物已计入货架库存。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/purchase_order_actions.py" line="108"/>
        <source>Received against {number}; 1 line is still to come.</source>
        <translation>已按 {number} 收货；还有 1 行未到。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/purchase_order_actions.py" line="109"/>
        <source>Received against {number}; {n} lines are still to come.</source>
        <translation>已按 {number} 收货；还有 {n} 行未到。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/purchase_order_actions.py" line="126"/>
        <source>Cancelling the order…</source>
        <translation>正在取消订单…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/purchase_order_actions.py" line="127"/>
        <source>{number} is cancelled.</source>
        <translation>{number} 已取消。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/purchase_order_actions.py" line="155"/>
        <source>Save purchase order as PDF</source>
        <translation>把采购单保存为 PDF</translation>
    </message>
    <message>
        <location filename="../../ui/pages/purchase_order_actions.py" line="155"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/purchase_order_actions.py" line="161"/>
        <location filename="../../ui/pages/purchase_order_actions.py" line="172"/>
        <source>Writing {file}…</source>
        <translation>正在写入 {file}…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/purchase_order_actions.py" line="166"/>
        <source>Save purchase order as Excel</source>
        <translation>把采购单保存为 Excel</translation>
    </message>
    <message>
        <location filename="../../ui/pages/purchase_order_actions.py" line="167"/>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/purchase_order_actions.py" line="175"/>
        <source>Saved {number} as {path}.</source>
        <translation>已把 {number} 保存为 {path}。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/purchase_order_actions.py" line="184"/>
        <source>Preparing the e-mail to {supplier}…</source>
        <translation>正在准备发给 {supplier} 的邮件…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/purchase_order_actions.py" line="190"/>
        <source>{number} is open in your mail program as a message to {supplier} with the PDF attached: check it and press Send there.</source>
        <translation>{number} 已在您的邮件程序中打开，是一封附有 PDF、发给 {supplier} 的邮件：请检查后在那里点“发送”。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/purchase_order_actions.py" line="194"/>
        <source>Your mail program opened a message to {supplier} with the order written out (a link cannot carry the PDF: it is at {path}, to attach).</source>
        <translation>您的邮件程序打开了一封发给 {supplier} 的邮件，正文写有订单内容（链接无法附带 PDF：PDF 在 {path}，请自行添加附件）。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/purchase_order_actions.py" line="198"/>
        <source>No mail program opened the message to {supplier}.</source>
        <translation>没有邮件程序打开发给 {supplier} 的邮件。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/purchase_order_actions.py" line="199"/>
        <source>It is saved at {path}: open it, or attach the PDF to a message of your own.</source>
        <translation>它保存在 {path}：请打开它，或把 PDF 附到您自己写的邮件里。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/purchase_order_actions.py" line="209"/>
        <source>Laying out {number}…</source>
        <translation>正在排版 {number}…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/purchase_order_actions.py" line="221"/>
        <source>{number} went to the printer.</source>
        <translation>{number} 已发送到打印机。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/purchase_order_actions.py" line="247"/>
        <source>Made draft {numbers}.</source>
        <translation>已生成草稿 {numbers}。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/purchase_order_actions.py" line="249"/>
        <source>Made {n} drafts: {numbers}.</source>
        <translation>已生成 {n} 张草稿：{numbers}。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/purchase_order_actions.py" line="251"/>
        <source>Added what is not on order yet to draft {numbers}.</source>
        <translation>已将尚未订购的部分加入草稿 {numbers}。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/purchase_order_actions.py" line="253"/>
        <source>Check each, then print, save or e-mail it.</source>
        <translation>请逐一检查，然后打印、保存或发邮件。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/purchase_order_actions.py" line="259"/>
        <source>{n} products to order have no supplier and are on no order ({codes}): assign a supplier on the Products page.</source>
        <translation>有 {n} 个需要订购的商品没有供应商，未列入任何采购单（{codes}）：请在“商品”页面指定供应商。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/purchase_orders_page.py" line="101"/>
        <location filename="../../ui/pages/purchase_orders_page.py" line="249"/>
        <source>No shop is open.</source>
        <translation>没有打开店铺。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/purchase_orders_page.py" line="106"/>
        <source>Purchase orders</source>
        <translation>采购单</translation>
    </message>
    <message>
        <location filename="../../ui/pages/purchase_orders_page.py" line="111"/>
        <source>Show the orders in one state</source>
        <translation>只显示某一状态的订单</translation>
    </message>
    <message>
        <location filename="../../ui/pages/purchase_orders_page.py" line="114"/>
        <location filename="../../ui/pages/purchase_orders_page.py" line="282"/>
        <location filename="../../ui/pages/purchase_orders_page.py" line="299"/>
        <source>All suppliers</source>
        <translation>所有供应商</translation>
    </message>
    <message>
        <location filename="../../ui/pages/purchase_orders_page.py" line="116"/>
        <source>One supplier&apos;s orders: how long each took to come and how late</source>
        <translation>某个供应商的订单：每张多久到货、晚了多久</translation>
    </message>
    <message>
        <location filename="../../ui/pages/purchase_orders_page.py" line="119"/>
        <source>Product code ⏎: its orders</source>
        <translation>商品编码 ⏎：查看其订单</translation>
    </message>
    <message>
        <location filename="../../ui/pages/purchase_orders_page.py" line="120"/>
        <source>Type a product code and press Enter to see every order of that product</source>
        <translation>输入商品编码并按回车，查看该商品的所有订单</translation>
    </message>
    <message>
        <location filename="../../ui/pages/purchase_orders_page.py" line="140"/>
        <location filename="../../ui/widgets/order_detail.py" line="43"/>
        <source>Mark sent</source>
        <translation>标记为已发送</translation>
    </message>
    <message>
        <location filename="../../ui/pages/purchase_orders_page.py" line="142"/>
        <location filename="../../ui/pages/purchase_orders_page.py" line="401"/>
        <source>Not yet</source>
        <translation>暂不</translation>
    </message>
    <message>
        <location filename="../../ui/pages/purchase_orders_page.py" line="144"/>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/pages/purchase_orders_page.py" line="145"/>
        <source>Show the folder the file was saved in</source>
        <translation>显示文件所在的文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/pages/purchase_orders_page.py" line="271"/>
        <source>Orders of {product}: none yet</source>
        <translation>{product} 的订单：暂无</translation>
    </message>
    <message>
        <location filename="../../ui/pages/purchase_orders_page.py" line="272"/>
        <source>Orders of {product}: 1 line</source>
        <translation>{product} 的订单：1 行</translation>
    </message>
    <message>
        <location filename="../../ui/pages/purchase_orders_page.py" line="273"/>
        <source>Orders of {product}: {n} lines</source>
        <translation>{product} 的订单：{n} 行</translation>
    </message>
    <message>
        <location filename="../../ui/pages/purchase_orders_page.py" line="279"/>
        <source>no orders</source>
        <translation>没有订单</translation>
    </message>
    <message>
        <location filename="../../ui/pages/purchase_orders_page.py" line="279"/>
        <source>1 order</source>
        <translation>1 张订单</translation>
    </message>
    <message>
        <location filename="../../ui/pages/purchase_orders_page.py" line="280"/>
        <source>{n} orders</source>
        <translation>{n} 张订单</translation>
    </message>
    <message>
        <location filename="../../ui/pages/purchase_orders_page.py" line="362"/>
        <source>No purchase orders yet. Plan on the Orders page, then press Create purchase orders: one draft per supplier comes here to check, print, save or e-mail.</source>
        <translation>还没有采购单。请在“订货”页做计划，然后点“生成采购单”：每个供应商一张草稿会出现在这里，供您检查、打印、保存或发邮件。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/purchase_orders_page.py" line="365"/>
        <source>Choose an order to see its lines.</source>
        <translation>选择一张订单查看它的明细。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/purchase_orders_page.py" line="397"/>
        <source>Mark {number} as sent?</source>
        <translation>把 {number} 标记为已发送？</translation>
    </message>
    <message>
        <location filename="../../ui/pages/purchase_orders_page.py" line="401"/>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_detail.py" line="37"/>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_detail.py" line="37"/>
        <source>See the order as it prints, then print it</source>
        <translation>先预览打印效果，再打印</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_detail.py" line="38"/>
        <source>Save PDF…</source>
        <translation>保存 PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_detail.py" line="38"/>
        <source>Save the order as a PDF file</source>
        <translation>把订单保存为 PDF 文件</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_detail.py" line="39"/>
        <source>Save Excel…</source>
        <translation>保存 Excel…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_detail.py" line="39"/>
        <source>Save the order as an Excel workbook</source>
        <translation>把订单保存为 Excel 工作簿</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_detail.py" line="40"/>
        <source>E-mail…</source>
        <translation>发邮件…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_detail.py" line="40"/>
        <source>Open the order in your mail program as a message to the supplier, with the PDF attached, to check and send</source>
        <translation>在您的邮件程序中打开给供应商的邮件，附上 PDF，检查后发送</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_detail.py" line="43"/>
        <source>The order has gone to the supplier (today): it can no longer be changed, only received or cancelled</source>
        <translation>订单已（于今天）发给供应商：之后不能再修改，只能收货或取消</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_detail.py" line="45"/>
        <source>Receive…</source>
        <translation>收货…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_detail.py" line="45"/>
        <source>Goods arrived: put them on the shelf, all or some of the lines</source>
        <translation>货到了：把全部或部分行计入货架库存</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_detail.py" line="47"/>
        <source>Cancel order…</source>
        <translation>取消订单…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_detail.py" line="47"/>
        <source>The order will not come (or not the rest of it)</source>
        <translation>订单不会来了（或剩下的不会来了）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_detail.py" line="92"/>
        <source>No order chosen</source>
        <translation>未选择订单</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_detail.py" line="107"/>
        <source>Order day &lt;b&gt;{day}&lt;/b&gt; (not sent yet)</source>
        <translation>订货日 &lt;b&gt;{day}&lt;/b&gt;（尚未发送）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_detail.py" line="109"/>
        <source>Ordered &lt;b&gt;{day}&lt;/b&gt;</source>
        <translation>下单 &lt;b&gt;{day}&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_detail.py" line="111"/>
        <source>Expected &lt;b&gt;{day}&lt;/b&gt;</source>
        <translation>预计到货 &lt;b&gt;{day}&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_detail.py" line="113"/>
        <source>Sent {day}</source>
        <translation>{day} 发送</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_detail.py" line="115"/>
        <source>Received {day}</source>
        <translation>{day} 到货</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_detail.py" line="117"/>
        <source>Made {day}</source>
        <translation>{day} 生成</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_detail.py" line="119"/>
        <source>Currency {code}</source>
        <translation>币种 {code}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_detail.py" line="121"/>
        <source>Notes: {notes}</source>
        <translation>备注：{notes}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_detail.py" line="124"/>
        <source>1 line</source>
        <translation>1 行</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_detail.py" line="124"/>
        <source>{n} lines</source>
        <translation>{n} 行</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_detail.py" line="127"/>
        <source>1 still to come</source>
        <translation>1 行未到</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_detail.py" line="128"/>
        <source>{n} still to come</source>
        <translation>{n} 行未到</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_detail.py" line="129"/>
        <source>{lines} · Total &lt;b&gt;{total}&lt;/b&gt;</source>
        <translation>{lines} · 合计 &lt;b&gt;{total}&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_detail.py" line="131"/>
        <source>Double-click a quantity to change it.</source>
        <translation>双击数量即可修改。</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_detail.py" line="132"/>
        <source>Only a draft can be changed; this order can be received or cancelled.</source>
        <translation>只有草稿可以修改；这张订单可以收货或取消。</translation>
    </message>
</context>
<context>
    <name>ReceiveDialog</name>
    <message>
        <location filename="../../ui/dialogs/po_dialogs.py" line="37"/>
        <source>Receive goods — {number}</source>
        <translation>收货 — {number}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/po_dialogs.py" line="38"/>
        <source>What arrived from {supplier} against {number}. Each line starts at what is still to come: change the lines that came short (0 for nothing yet). What is received goes on the shelf at once.</source>
        <translation>{supplier} 按 {number} 送来的货。每行预填为尚未到的数量：请修改到货不足的行（还没到填 0）。收到的货会立即计入货架库存。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/po_dialogs.py" line="45"/>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/po_dialogs.py" line="45"/>
        <source>Description</source>
        <translation>商品名称</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/po_dialogs.py" line="45"/>
        <source>Ordered</source>
        <translation>订购数量</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/po_dialogs.py" line="46"/>
        <source>Received
so far</source>
        <translation>已收
数量</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/po_dialogs.py" line="46"/>
        <source>Arriving
now</source>
        <translation>本次
到货</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/po_dialogs.py" line="54"/>
        <source>Our code: {sku}</source>
        <translation>我方编码：{sku}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/po_dialogs.py" line="74"/>
        <source>Receive all</source>
        <translation>全部收货</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/po_dialogs.py" line="75"/>
        <source>Every line as still to come: the whole order arrived</source>
        <translation>每行都按尚未到的数量：整张订单都到了</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/po_dialogs.py" line="83"/>
        <source>The day the goods arrived (the order&apos;s lead time is counted to it)</source>
        <translation>货物到达的日期（订单的交货期算到这一天）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/po_dialogs.py" line="87"/>
        <source>Arrived on</source>
        <translation>到货日期</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/po_dialogs.py" line="93"/>
        <source>Receive</source>
        <translation>收货</translation>
    </message>
</context>
<context>
    <name>ReplayDialog</name>
    <message>
        <location filename="../../ui/dialogs/replay_dialog.py" line="26"/>
        <source>Replay a policy on your own past</source>
        <translation>用您自己的历史数据回放订货策略</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/replay_dialog.py" line="32"/>
        <source>ShelfWise (service level)</source>
        <translation>ShelfWise（服务水平）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/replay_dialog.py" line="33"/>
        <location filename="../../ui/dialogs/replay_dialog.py" line="107"/>
        <source>Optimal (s, S)</source>
        <translation>最优 (s, S)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/replay_dialog.py" line="34"/>
        <source>Min/max rule (2 and 4 weeks)</source>
        <translation>最小-最大规则（2 周和 4 周）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/replay_dialog.py" line="41"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/replay_dialog.py" line="42"/>
        <source>To</source>
        <translation>到</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/replay_dialog.py" line="43"/>
        <source>Service level</source>
        <translation>服务水平</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/replay_dialog.py" line="44"/>
        <source>Policies</source>
        <translation>策略</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/replay_dialog.py" line="45"/>
        <source>Replay</source>
        <translation>回放</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/replay_dialog.py" line="48"/>
        <source>Each review day the replay forecasts from the sales known then, orders by the policy, receives orders after their lead time, and loses the sales the shelf cannot serve.</source>
        <translation>回放时，每个检查日都只用当时已知的销售做预测，按策略订货，订单在交货期后到货，货架供应不上的销售就算丢失。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/replay_dialog.py" line="53"/>
        <source>Policy</source>
        <translation>订货策略</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/replay_dialog.py" line="53"/>
        <source>Cycle service</source>
        <translation>周期服务水平</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/replay_dialog.py" line="53"/>
        <source>Fill rate</source>
        <translation>满足率</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/replay_dialog.py" line="54"/>
        <location filename="../../ui/dialogs/replay_dialog.py" line="113"/>
        <source>Stock-out days</source>
        <translation>缺货天数</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/replay_dialog.py" line="54"/>
        <location filename="../../ui/dialogs/replay_dialog.py" line="115"/>
        <source>Average stock value</source>
        <translation>平均库存金额</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/replay_dialog.py" line="55"/>
        <source>Order lines</source>
        <translation>订货行数</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/replay_dialog.py" line="77"/>
        <source>There are no sales to replay: import a sales file first.</source>
        <translation>没有可回放的销售数据：请先导入销售文件。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/replay_dialog.py" line="83"/>
        <source>Min/max rule (lead time + a month of sales, up to twice that)</source>
        <translation>最小/最大规则（交货期 + 一个月的销量，最多补到其两倍）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/replay_dialog.py" line="84"/>
        <source>Min/max rule (lead time + a week of sales, up to twice that)</source>
        <translation>最小/最大规则（交货期 + 一周的销量，最多补到其两倍）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/replay_dialog.py" line="93"/>
        <source>Choose at least one policy to replay.</source>
        <translation>请至少选择一个要回放的策略。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/replay_dialog.py" line="107"/>
        <source>ShelfWise</source>
        <translation>ShelfWise</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/replay_dialog.py" line="108"/>
        <source>Min/max rule</source>
        <translation>最小-最大规则</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/replay_dialog.py" line="108"/>
        <source>What you actually did</source>
        <translation>您实际的做法</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/replay_dialog.py" line="112"/>
        <source>Months out of stock</source>
        <translation>缺货月数</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/replay_dialog.py" line="113"/>
        <source>Weeks out of stock</source>
        <translation>缺货周数</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/replay_dialog.py" line="115"/>
        <source>Average stock (units)</source>
        <translation>平均库存（件）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/replay_dialog.py" line="127"/>
        <source>{start} to {end}, {count} products.</source>
        <translation>{start} 至 {end}，{count} 个商品。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/replay_dialog.py" line="131"/>
        <source>Your sales are monthly totals: each policy planned again at the start of every month from the months before it, and each month&apos;s total was served from its shelf.</source>
        <translation>您的销量是按月汇总的：每种策略在每月初根据之前各月的数据重新计划，每月的销量由其货架库存供应。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/replay_dialog.py" line="134"/>
        <source>Your sales are weekly totals: each policy planned again at the start of every week from the weeks before it, and each week&apos;s total was served from its shelf.</source>
        <translation>您的销量是按周汇总的：每种策略在每周初根据之前各周的数据重新计划，每周的销量由其货架库存供应。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/replay_dialog.py" line="138"/>
        <source>Every row covers the {count} of {total} products whose stock was counted before and during these days; the lost sales of what you actually did were never recorded, so its fill rate is unknown.</source>
        <translation>每一行都只统计 {total} 个商品中在这段时间之前和期间盘点过库存的 {count} 个；您实际做法丢失的销售从未记录，所以它的满足率未知。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/replay_dialog.py" line="143"/>
        <source>Your stock counts do not cover these days, so what you actually did cannot be set beside the policies.</source>
        <translation>您的盘点数据没有覆盖这段时间，因此无法把您的实际做法和这些策略放在一起比较。</translation>
    </message>
</context>
<context>
    <name>ReportPage</name>
    <message>
        <location filename="../../ui/wizard/import_wizard.py" line="380"/>
        <source>What ShelfWise found</source>
        <translation>ShelfWise 的检查结果</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_wizard.py" line="381"/>
        <source>Your file was checked row by row. Nothing is stored yet: press Import to store it, or Back to change the columns.</source>
        <translation>您的文件已逐行检查。目前还没有保存：点“导入”保存，或点“上一步”修改列的对应。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_wizard.py" line="388"/>
        <source>Checking every row…</source>
        <translation>正在检查每一行…</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_wizard.py" line="402"/>
        <source>Nothing can be imported from this file as it is mapped. Go Back to change the columns, or pick another file.</source>
        <translation>按现在的列对应，这个文件没有可导入的内容。请返回修改列的对应，或换一个文件。</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <location filename="../../ui/dialogs/restore_dialog.py" line="20"/>
        <location filename="../../ui/dialogs/restore_dialog.py" line="74"/>
        <source>Restore from backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/restore_dialog.py" line="21"/>
        <source>ShelfWise backs your shop up before every import and once a day while it is open. Restoring one puts the shop back as it was then; the shop as it is now is kept as a backup first, so this can be undone the same way.</source>
        <translation>ShelfWise 在每次导入之前、以及店铺打开时每天备份一次。恢复某个备份会把店铺还原到当时的样子；恢复之前会先把现在的店铺另存为一个备份，因此也可以用同样的方法撤回。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/restore_dialog.py" line="26"/>
        <source>Taken</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/restore_dialog.py" line="26"/>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/restore_dialog.py" line="26"/>
        <source>Products</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/restore_dialog.py" line="27"/>
        <source>Sales lines</source>
        <translation>销售行数</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/restore_dialog.py" line="27"/>
        <source>Sales up to</source>
        <translation>销售截至</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/restore_dialog.py" line="34"/>
        <source>daily</source>
        <translation>每日</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/restore_dialog.py" line="34"/>
        <source>before an import</source>
        <translation>导入之前</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/restore_dialog.py" line="35"/>
        <source>before an upgrade</source>
        <translation>升级之前</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/restore_dialog.py" line="35"/>
        <source>before a restore</source>
        <translation>恢复之前</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/restore_dialog.py" line="36"/>
        <source>by hand</source>
        <translation>手动</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/restore_dialog.py" line="40"/>
        <source>cannot be read</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/restore_dialog.py" line="51"/>
        <source>There are no backups of this shop yet.</source>
        <translation>这个店铺还没有备份。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/restore_dialog.py" line="54"/>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/restore_dialog.py" line="74"/>
        <source>Put the shop back as it was on {when}? What changed since then is kept in a backup of its own.</source>
        <translation>把店铺还原到 {when} 的样子吗？此后的改动会另存为一个备份。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/dialogs/ordering_settings.py" line="21"/>
        <source>ShelfWise (recommended)</source>
        <translation>ShelfWise（推荐）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ordering_settings.py" line="21"/>
        <source>Keeps enough safety stock for the service level of each product&apos;s class, from its own forecast and lead time, and orders in amounts that balance the cost of ordering against the cost of holding stock.</source>
        <translation>根据每个商品自己的预测和交货期，保持足以达到其类别服务水平的安全库存，并按能平衡订货成本与持有成本的数量订货。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ordering_settings.py" line="25"/>
        <source>Optimal (s,S)</source>
        <translation>最优 (s,S)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ordering_settings.py" line="25"/>
        <source>Works out the exact lowest-cost reorder point (s) and order-up-to level (S) for each product from its forecast, its holding cost, the order cost and the service level. Slower on big shops.</source>
        <translation>根据每个商品的预测、持有成本、订货成本和服务水平，精确算出成本最低的再订货点 (s) 和补货上限 (S)。商品多的店铺会比较慢。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ordering_settings.py" line="28"/>
        <source>Min-max</source>
        <translation>最小-最大</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ordering_settings.py" line="28"/>
        <source>The rule of thumb: reorder when stock falls below 2 weeks of average sales, and order up to 4 weeks. Easy to check by hand, but it knows nothing of trends, seasons or promotions.</source>
        <translation>经验法则：库存低于 2 周平均销量时订货，补到 4 周的量。容易手算核对，但不考虑趋势、季节或促销。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/ordering_settings.py" line="64"/>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="171"/>
        <source>Settings — {shop}</source>
        <translation>设置 — {shop}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="175"/>
        <source>Ordering</source>
        <translation>订货</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="178"/>
        <source>Shop details</source>
        <translation>店铺信息</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="181"/>
        <source>Codes that are not products</source>
        <translation>非商品编码</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="183"/>
        <source>Sales files often have lines that are not things on a shelf: postage, fees, discounts, vouchers. Lines with these product codes are set aside when sales are imported, so they are never counted or forecast as products.

One code a line; capitals or not makes no difference. A * stands for any characters: ADJUST* matches ADJUST, ADJUST-1 and ADJUSTMENT; *FEE matches AMAZONFEE and POSTFEE.

The list is used by the next import; sales already imported stay as they are.</source>
        <translation>销售文件里常有不是货架商品的行：邮费、手续费、折扣、代金券。导入销售数据时，带有这些编码的行会被搁置，因此永远不会被当作商品来统计或预测。

每行一个编码；不区分大小写。* 代表任意字符：ADJUST* 匹配 ADJUST、ADJUST-1 和 ADJUSTMENT；*FEE 匹配 AMAZONFEE 和 POSTFEE。

此清单用于下一次导入；已导入的销售数据保持不变。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="193"/>
        <source>POST
DISCOUNT
VOUCHER*</source>
        <translation>POST
DISCOUNT
VOUCHER*</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="195"/>
        <source>Use the standard list</source>
        <translation>使用标准清单</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="196"/>
        <source>Put back the list ShelfWise starts with (saved only when you press Save)</source>
        <translation>恢复 ShelfWise 自带的清单（点“保存”后才生效）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="205"/>
        <source>Not products</source>
        <translation>非商品</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="208"/>
        <source>Closed days</source>
        <translation>休息日</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="214"/>
        <source> backups</source>
        <translation> 个备份</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="217"/>
        <source> months</source>
        <translation> 个月</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="218"/>
        <source>none by month</source>
        <translation>不按月保留</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="219"/>
        <source>Keep the latest</source>
        <translation>保留最近的</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="220"/>
        <source>and one a month for</source>
        <translation>以及每月一个，保留</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="225"/>
        <source>ShelfWise copies the shop file before every import and before an upgrade, and once a day while the shop is open. These settings say how many of those copies to keep; older ones are removed at the next backup, never at once. File ▸ Back up now… puts a copy anywhere else (a USB stick, a cloud folder).</source>
        <translation>ShelfWise 会在每次导入前、升级前以及店铺打开时每天一次复制店铺文件。这里设置保留多少份副本；更早的副本在下一次备份时才删除，不会立即删除。“文件 ▸ 立即备份…”可以把副本放到其他任何地方（U 盘、云同步文件夹）。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="237"/>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="240"/>
        <source>Advanced</source>
        <translation>高级</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="243"/>
        <source>System language</source>
        <translation>跟随系统语言</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="248"/>
        <source>The language of ShelfWise on this computer (for every shop)</source>
        <translation>ShelfWise 在这台电脑上的语言（对所有店铺有效）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="249"/>
        <source>Takes effect when ShelfWise starts again.</source>
        <translation>重新启动 ShelfWise 后生效。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="252"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="278"/>
        <source>Backups folder: {folder}</source>
        <translation>备份文件夹：{folder}</translation>
    </message>
</context>
<context>
    <name>SheetPage</name>
    <message>
        <location filename="../../ui/wizard/import_wizard.py" line="121"/>
        <source>Which sheet?</source>
        <translation>哪个工作表？</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_wizard.py" line="122"/>
        <source>This workbook has several sheets. Pick the one with the figures.</source>
        <translation>这个工作簿有多个工作表。请选择含有数据的那个。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_wizard.py" line="127"/>
        <source>Each sheet&apos;s columns are found from its own headers; you see what every sheet holds before anything is stored, and each sheet can be undone on its own.</source>
        <translation>每个工作表的列按其自己的表头识别；保存前可查看每个工作表的内容，每个工作表都可单独撤销。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_wizard.py" line="143"/>
        <source>Import every sheet ({n}), each as an import of its own (a sheet per month, per week or per shop)</source>
        <translation>导入全部工作表（{n}个），每个作为一次单独的导入（每月、每周或每家店一个工作表）</translation>
    </message>
</context>
<context>
    <name>SheetsPage</name>
    <message>
        <location filename="../../ui/wizard/import_wizard.py" line="247"/>
        <source>What ShelfWise found in each sheet</source>
        <translation>ShelfWise 在每个工作表中发现的内容</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_wizard.py" line="248"/>
        <source>Every sheet was checked row by row. Nothing is stored yet: untick a sheet you do not want (a summary of the others), then press Import.</source>
        <translation>已逐行检查每个工作表。尚未保存任何内容：取消勾选不需要的工作表（例如其他工作表的汇总），然后按“导入”。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_wizard.py" line="251"/>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_wizard.py" line="251"/>
        <source>Rows read</source>
        <translation>读取行数</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_wizard.py" line="251"/>
        <source>To import</source>
        <translation>将导入</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_wizard.py" line="252"/>
        <source>Rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_wizard.py" line="252"/>
        <source>What was found</source>
        <translation>发现的内容</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_wizard.py" line="268"/>
        <source>Checking every sheet…</source>
        <translation>正在检查每个工作表…</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_wizard.py" line="293"/>
        <source>Nothing in it can be imported</source>
        <translation>其中没有可导入的内容</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_wizard.py" line="311"/>
        <source>{first} to {last}</source>
        <translation>{first} 至 {last}</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_wizard.py" line="313"/>
        <source>Stock counts</source>
        <translation>盘点</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_wizard.py" line="314"/>
        <source>Monthly totals</source>
        <translation>月度合计</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_wizard.py" line="315"/>
        <source>Weekly totals</source>
        <translation>每周合计</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_wizard.py" line="320"/>
        <source>location {places}</source>
        <translation>位置 {places}</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_wizard.py" line="332"/>
        <source>To import this sheet on its own, go Back, untick &apos;Import every sheet&apos; and pick it: its columns can then be chosen.</source>
        <translation>如要单独导入此工作表，请返回，取消勾选“导入全部工作表”并选择它：之后即可选择其列。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_wizard.py" line="335"/>
        <source>Nothing of this sheet can be imported: it is left out.</source>
        <translation>此工作表没有可导入的内容：已略过。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_wizard.py" line="340"/>
        <source>Go Back to pick one sheet, or another file.</source>
        <translation>请返回选择一个工作表或其他文件。</translation>
    </message>
    <message>
        <location filename="../../ui/wizard/import_wizard.py" line="364"/>
        <source>Cancelled: nothing was stored.</source>
        <translation>已取消：未保存任何内容。</translation>
    </message>
</context>
<context>
    <name>ShopDetailsDialog</name>
    <message>
        <location filename="../../ui/dialogs/shop_details_dialog.py" line="14"/>
        <source>Your shop on its purchase orders</source>
        <translation>采购单上的店铺信息</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shop_details_dialog.py" line="15"/>
        <source>Your purchase orders carry your shop&apos;s name, the address to deliver to and the e-mail address the supplier answers. Asked once; Settings ▸ Shop details changes them.</source>
        <translation>采购单上会印有您的店铺名称、送货地址和供应商回复用的邮箱。只问这一次；之后可在“设置 ▸ 店铺信息”中修改。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shop_details_dialog.py" line="22"/>
        <source>orders@myshop.co.uk</source>
        <translation>orders@myshop.cn</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shop_details_dialog.py" line="24"/>
        <source>Shop name</source>
        <translation>店铺名称</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shop_details_dialog.py" line="25"/>
        <source>Deliver to (address)</source>
        <translation>送货地址</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shop_details_dialog.py" line="26"/>
        <source>E-mail</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shop_details_dialog.py" line="27"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
</context>
<context>
    <name>ShopDetailsSettings</name>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="55"/>
        <source>Printed at the top of every purchase order, in its e-mail and at the foot of its pages.</source>
        <translation>印在每张采购单的顶部、邮件中以及每页的页脚。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="59"/>
        <source>The shop&apos;s name</source>
        <translation>店铺名称</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="61"/>
        <source>Street
Town and postcode</source>
        <translation>街道
城市和邮编</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="65"/>
        <source>orders@myshop.co.uk</source>
        <translation>orders@myshop.co.uk</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="66"/>
        <source>Suppliers&apos; replies come here; the e-mail to a supplier is sent from it</source>
        <translation>供应商的回复会发到这里；给供应商的邮件也从这里发出</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="74"/>
        <source>Choose logo…</source>
        <translation>选择标志…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="75"/>
        <source>A PNG or JPEG picture of at most 1 MB</source>
        <translation>不超过 1 MB 的 PNG 或 JPEG 图片</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="77"/>
        <location filename="../../ui/dialogs/settings_dialog.py" line="157"/>
        <source>No logo</source>
        <translation>无标志</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="99"/>
        <source>For example: Payment 30 days from the invoice. Please tell us at once if anything cannot be delivered by the date asked.</source>
        <translation>例如：见发票后 30 天内付款。如有任何货物无法在要求的日期前送到，请立即告知我们。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="103"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="104"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="105"/>
        <source>E-mail</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="106"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="107"/>
        <source>Logo</source>
        <translation>标志</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="108"/>
        <source>Terms</source>
        <translation>条款</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="135"/>
        <source>Choose the shop&apos;s logo</source>
        <translation>选择店铺标志</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="136"/>
        <source>Pictures (*.png *.jpg *.jpeg);;All files (*)</source>
        <translation>图片 (*.png *.jpg *.jpeg);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>ShopPage</name>
    <message>
        <location filename="../../ui/pages/shop_page.py" line="31"/>
        <source>No shop is open.</source>
        <translation>没有打开店铺。</translation>
    </message>
</context>
<context>
    <name>StocktakeDialog</name>
    <message>
        <location filename="../../ui/dialogs/stocktake_dialog.py" line="33"/>
        <source>Stocktake</source>
        <translation>盘点</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stocktake_dialog.py" line="35"/>
        <source>All suppliers</source>
        <translation>所有供应商</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stocktake_dialog.py" line="45"/>
        <source>Scan or type a product code, then Enter: one more counted</source>
        <translation>扫描或输入商品编码，按回车：数量加一</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stocktake_dialog.py" line="47"/>
        <source>Save count sheet…</source>
        <translation>保存盘点表…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stocktake_dialog.py" line="48"/>
        <source>An Excel sheet with a blank column to count into: print it, or fill it in and import it back (File ▸ Import…, stock counts)</source>
        <translation>一张留有空白盘点列的 Excel 表：可以打印，或填好后再导入（文件 ▸ 导入…，库存盘点）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stocktake_dialog.py" line="53"/>
        <source>Counted on</source>
        <translation>盘点日期</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stocktake_dialog.py" line="57"/>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stocktake_dialog.py" line="57"/>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stocktake_dialog.py" line="57"/>
        <source>Supplier</source>
        <translation>供应商</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stocktake_dialog.py" line="58"/>
        <source>Expected</source>
        <translation>应有数</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stocktake_dialog.py" line="58"/>
        <source>Counted</source>
        <translation>盘点数</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stocktake_dialog.py" line="99"/>
        <source>never counted</source>
        <translation>从未盘点</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stocktake_dialog.py" line="108"/>
        <source>{n} products to count.</source>
        <translation>共 {n} 个商品待盘点。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stocktake_dialog.py" line="124"/>
        <source>{code} is not in this list.</source>
        <translation>{code} 不在此列表中。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stocktake_dialog.py" line="131"/>
        <source>{code}: {count} counted.</source>
        <translation>{code}：已盘点 {count}。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stocktake_dialog.py" line="163"/>
        <source>The count of {sku} is not a number.</source>
        <translation>{sku} 的盘点数不是数字。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stocktake_dialog.py" line="176"/>
        <source>Save count sheet</source>
        <translation>保存盘点表</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stocktake_dialog.py" line="177"/>
        <source>Excel workbook (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stocktake_dialog.py" line="182"/>
        <source>Saved {file}.</source>
        <translation>已保存 {file}。</translation>
    </message>
</context>
<context>
    <name>SupplierDialog</name>
    <message>
        <location filename="../../ui/dialogs/supplier_dialog.py" line="19"/>
        <source>New supplier</source>
        <translation>新供应商</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/supplier_dialog.py" line="20"/>
        <source>Supplier — {name}</source>
        <translation>供应商 — {name}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/supplier_dialog.py" line="23"/>
        <source>orders@supplier.com</source>
        <translation>orders@supplier.com</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/supplier_dialog.py" line="27"/>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/supplier_dialog.py" line="29"/>
        <source>any day, or e.g. Mon,Thu, 1st,15th, monthly or Tue fortnightly</source>
        <translation>任何一天，或如 Mon,Thu、1st,15th、monthly 或 Tue fortnightly</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/supplier_dialog.py" line="33"/>
        <source>e.g. GBP</source>
        <translation>如 CNY</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/supplier_dialog.py" line="37"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/supplier_dialog.py" line="38"/>
        <source>E-mail for orders</source>
        <translation>订货邮箱</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/supplier_dialog.py" line="39"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/supplier_dialog.py" line="40"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/supplier_dialog.py" line="41"/>
        <source>Lead time</source>
        <translation>交货期</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/supplier_dialog.py" line="42"/>
        <source>Order days</source>
        <translation>订货日</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/supplier_dialog.py" line="43"/>
        <source>Minimum order value</source>
        <translation>最低订货金额</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/supplier_dialog.py" line="44"/>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/supplier_dialog.py" line="45"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/supplier_dialog.py" line="55"/>
        <source>not set</source>
        <translation>未设置</translation>
    </message>
</context>
<context>
    <name>SuppliersPage</name>
    <message>
        <location filename="../../ui/pages/suppliers_page.py" line="32"/>
        <source>{days} days</source>
        <translation>{days} 天</translation>
    </message>
    <message>
        <location filename="../../ui/pages/suppliers_page.py" line="38"/>
        <source>Supplier</source>
        <translation>供应商</translation>
    </message>
    <message>
        <location filename="../../ui/pages/suppliers_page.py" line="39"/>
        <source>E-mail</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <location filename="../../ui/pages/suppliers_page.py" line="40"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/pages/suppliers_page.py" line="41"/>
        <source>Lead time</source>
        <translation>交货期</translation>
    </message>
    <message>
        <location filename="../../ui/pages/suppliers_page.py" line="43"/>
        <source>Deliveries took</source>
        <translation>实际到货用时</translation>
    </message>
    <message>
        <location filename="../../ui/pages/suppliers_page.py" line="45"/>
        <source>The median of its received orders</source>
        <translation>已收货采购单用时的中位数</translation>
    </message>
    <message>
        <location filename="../../ui/pages/suppliers_page.py" line="46"/>
        <source>Order days</source>
        <translation>订货日</translation>
    </message>
    <message>
        <location filename="../../ui/pages/suppliers_page.py" line="46"/>
        <source>any day</source>
        <translation>任何一天</translation>
    </message>
    <message>
        <location filename="../../ui/pages/suppliers_page.py" line="47"/>
        <source>Minimum order</source>
        <translation>最低订货额</translation>
    </message>
    <message>
        <location filename="../../ui/pages/suppliers_page.py" line="49"/>
        <source>Products</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../ui/pages/suppliers_page.py" line="50"/>
        <source>Open orders</source>
        <translation>未完成采购单</translation>
    </message>
    <message>
        <location filename="../../ui/pages/suppliers_page.py" line="52"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/pages/suppliers_page.py" line="52"/>
        <source>in use</source>
        <translation>使用中</translation>
    </message>
    <message>
        <location filename="../../ui/pages/suppliers_page.py" line="52"/>
        <source>retired</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location filename="../../ui/pages/suppliers_page.py" line="73"/>
        <location filename="../../ui/pages/suppliers_page.py" line="124"/>
        <location filename="../../ui/pages/suppliers_page.py" line="184"/>
        <source>Suppliers</source>
        <translation>供应商</translation>
    </message>
    <message>
        <location filename="../../ui/pages/suppliers_page.py" line="75"/>
        <source>Add supplier…</source>
        <translation>添加供应商…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/suppliers_page.py" line="77"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/suppliers_page.py" line="79"/>
        <location filename="../../ui/pages/suppliers_page.py" line="156"/>
        <source>Retire</source>
        <translation>停用</translation>
    </message>
    <message>
        <location filename="../../ui/pages/suppliers_page.py" line="81"/>
        <source>Its products</source>
        <translation>其商品</translation>
    </message>
    <message>
        <location filename="../../ui/pages/suppliers_page.py" line="82"/>
        <source>The Products page with this supplier&apos;s products</source>
        <translation>在“商品”页面显示该供应商的商品</translation>
    </message>
    <message>
        <location filename="../../ui/pages/suppliers_page.py" line="85"/>
        <source>Show retired</source>
        <translation>显示已停用</translation>
    </message>
    <message>
        <location filename="../../ui/pages/suppliers_page.py" line="104"/>
        <source>No shop is open.</source>
        <translation>没有打开店铺。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/suppliers_page.py" line="119"/>
        <source>No suppliers yet.

Add the firms you buy from (Add supplier…), then give your products their supplier on the Products page, so that the plan can order from them.</source>
        <translation>还没有供应商。

先添加您进货的公司（添加供应商…），再在“商品”页面为商品指定供应商，计划才能向他们订货。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/suppliers_page.py" line="123"/>
        <source>Suppliers — {count} in use</source>
        <translation>供应商 — {count} 家使用中</translation>
    </message>
    <message>
        <location filename="../../ui/pages/suppliers_page.py" line="155"/>
        <source>Bring back</source>
        <translation>恢复使用</translation>
    </message>
</context>
</TS>
