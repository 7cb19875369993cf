<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AccountModel</name>
    <message>
        <source>户号</source>
        <translation>Account no.</translation>
    </message>
    <message>
        <source>户名</source>
        <translation>Account name</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>用电地址</source>
        <translation>Supply address</translation>
    </message>
    <message>
        <source>欠费</source>
        <translation>Arrears</translation>
    </message>
</context>
<context>
    <name>AccountStatus</name>
    <message>
        <source>正常</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>暂停</source>
        <translation>Suspended</translation>
    </message>
    <message>
        <source>暂拆</source>
        <translation>Temporarily disconnected</translation>
    </message>
    <message>
        <source>销户</source>
        <translation>Closed</translation>
    </message>
</context>
<context>
    <name>AlertsModel</name>
    <message>
        <source>级别</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>提醒</source>
        <translation>Alert</translation>
    </message>
    <message>
        <source>严重</source>
        <translation>Critical</translation>
    </message>
    <message>
        <source>注意</source>
        <translation>Warning</translation>
    </message>
</context>
<context>
    <name>AlertsPanel</name>
    <message>
        <source>提醒</source>
        <translation>Alerts</translation>
    </message>
    <message>
        <source>一切正常</source>
        <translation>All clear</translation>
    </message>
    <message>
        <source>提醒 {count}</source>
        <translation>Alerts {count}</translation>
    </message>
    <message>
        <source>严重 {count}</source>
        <translation>Critical {count}</translation>
    </message>
    <message>
        <source>注意 {count}</source>
        <translation>Warning {count}</translation>
    </message>
    <message>
        <source>投诉：今日到期 {due} 件 · 已超期 {overdue} 件</source>
        <translation>Complaints: {due} due today · {overdue} overdue</translation>
    </message>
    <message>
        <source>停电咨询进行中：{code} {name} · {time} 起</source>
        <translation>Outage enquiries open: {code} {name} · since {time}</translation>
    </message>
</context>
<context>
    <name>Announcer</name>
    <message>
        <source>语音播报不可用，仅提示音</source>
        <translation>Voice announcements unavailable: chime only</translation>
    </message>
    <message>
        <source>无法播放声音，请检查音箱</source>
        <translation>Cannot play sound: check the speakers</translation>
    </message>
</context>
<context>
    <name>ApplicationFormDialog</name>
    <message>
        <source>受理单</source>
        <translation>Application</translation>
    </message>
    <message>
        <source>同一业务的其他受理单，已填的相同项目会保留</source>
        <translation>Other application forms for this service: fields they share keep what was typed</translation>
    </message>
    <message>
        <source>办理事项</source>
        <translation>Request</translation>
    </message>
    <message>
        <source>应交资料（收到的请勾选）</source>
        <translation>Documents required (tick those received)</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>受理成功</source>
        <translation>Application accepted</translation>
    </message>
    <message>
        <source>资料未齐，请向客户出具一次性告知单，尚缺：</source>
        <translation>Documents incomplete: give the customer a one-time notice of missing documents. Still missing:</translation>
    </message>
    <message>
        <source>打印一次性告知单</source>
        <translation>Print missing-documents notice</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>受理单 · {title}</source>
        <translation>Application · {title}</translation>
    </message>
    <message numerus="yes">
        <source>还需填写或更正：{fields} 等 %n 项</source>
        <translation>
            <numerusform>Still to fill in or correct: {fields} and more (%n field)</numerusform>
            <numerusform>Still to fill in or correct: {fields} and more (%n fields)</numerusform>
        </translation>
    </message>
    <message>
        <source>还需填写或更正：{fields}</source>
        <translation>Still to fill in or correct: {fields}</translation>
    </message>
    <message>
        <source>资料未收齐：保存后请打印一次性告知单交给客户</source>
        <translation>Documents not all received: after saving, print the missing-documents notice for the customer</translation>
    </message>
    <message>
        <source>已填好，可以保存</source>
        <translation>All filled in: ready to save</translation>
    </message>
    <message>
        <source>受理单号 {number}</source>
        <translation>Application no. {number}</translation>
    </message>
    <message>
        <source>{title} · {customer}</source>
        <translation>{title} · {customer}</translation>
    </message>
    <message>
        <source>操作失败，请重试或联系值班长：{error}</source>
        <translation>That did not work. Try again or ask the shift lead: {error}</translation>
    </message>
    <message>
        <source>当场办结，无办理时限</source>
        <translation>Completed on the spot: no time limit</translation>
    </message>
    <message>
        <source>当场办结</source>
        <translation>Completed on the spot</translation>
    </message>
    <message>
        <source>未设置本窗口的打印机</source>
        <translation>No printer is set up for this window</translation>
    </message>
    <message>
        <source>一次性告知单已送打印机</source>
        <translation>Missing-documents notice sent to the printer</translation>
    </message>
    <message>
        <source>资料补齐后开始计算办理时限</source>
        <translation>The time limit starts once all documents are received</translation>
    </message>
    <message>
        <source>{reason}，告知单PDF已保存：{path}</source>
        <translation>{reason}; the notice PDF is saved: {path}</translation>
    </message>
    <message>
        <source>{minutes} 分钟</source>
        <translation>{minutes} min</translation>
    </message>
    <message>
        <source>无法打开打印机“{name}”</source>
        <translation>Cannot open printer &quot;{name}&quot;</translation>
    </message>
    <message>
        <source>{reason}，已打开告知单PDF，请从PDF阅读器打印：{path}</source>
        <translation>{reason}; the notice PDF is open: print it from the PDF viewer ({path})</translation>
    </message>
    <message>
        <source>请选择</source>
        <translation>Choose</translation>
    </message>
    <message>
        <source>请选择日期</source>
        <translation>Choose a date</translation>
    </message>
    <message>
        <source>办理时限：{when} 前</source>
        <translation>Time limit: by {when}</translation>
    </message>
    <message>
        <source>办理时限：{day} 前办结</source>
        <translation>Time limit: complete by {day}</translation>
    </message>
    <message>
        <source>{hours} 小时</source>
        <translation>{hours} h</translation>
    </message>
    <message>
        <source>到场时限（按{field}）：{limits}</source>
        <translation>On-site arrival limit (by {field}): {limits}</translation>
    </message>
    <message>
        <source>{contact} 个工作日内联系客户，{reply} 个工作日内答复</source>
        <translation>Working days to contact the customer: {contact}; to reply: {reply}</translation>
    </message>
    <message>
        <source>办理时限（按{field}）：{limits}</source>
        <translation>Time limit (by {field}): {limits}</translation>
    </message>
    <message>
        <source>{days} 个工作日内办结</source>
        <translation>Completed within {days} working days</translation>
    </message>
    <message>
        <source>（不填）</source>
        <translation>(leave blank)</translation>
    </message>
    <message>
        <source>；{others}：当场办结</source>
        <translation>; {others}: on the spot</translation>
    </message>
    <message>
        <source>资料齐全后 {days} 个工作日内办结</source>
        <translation>Completed within {days} working days once all documents are in</translation>
    </message>
    <message>
        <source>{value} {days} 个工作日</source>
        <translation>{value}: {days} working days</translation>
    </message>
</context>
<context>
    <name>ApplicationHistoryModel</name>
    <message>
        <source>受理时间</source>
        <translation>Accepted at</translation>
    </message>
    <message>
        <source>受理单号</source>
        <translation>Application no.</translation>
    </message>
    <message>
        <source>申请事项</source>
        <translation>Request</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>办结期限</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>受理员</source>
        <translation>Clerk</translation>
    </message>
</context>
<context>
    <name>ApplicationStatus</name>
    <message>
        <source>待补资料</source>
        <translation>Awaiting documents</translation>
    </message>
    <message>
        <source>已受理</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <source>已联系客户</source>
        <translation>Customer contacted</translation>
    </message>
    <message>
        <source>已办结</source>
        <translation>Completed</translation>
    </message>
    <message>
        <source>已撤销</source>
        <translation>Cancelled</translation>
    </message>
</context>
<context>
    <name>ApplicationsDialog</name>
    <message>
        <source>受理单</source>
        <translation>Applications</translation>
    </message>
</context>
<context>
    <name>ApplicationsModel</name>
    <message>
        <source>受理单号</source>
        <translation>Application no.</translation>
    </message>
    <message>
        <source>事项</source>
        <translation>Request</translation>
    </message>
    <message>
        <source>客户</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>办结时限</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>督办</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <source>受理人</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <source>超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>升级</source>
        <translation>Escalated</translation>
    </message>
    <message>
        <source>催办×{times}</source>
        <translation>Urged ×{times}</translation>
    </message>
    <message>
        <source>催办</source>
        <translation>Urged</translation>
    </message>
    <message>
        <source>待补资料</source>
        <translation>Awaiting documents</translation>
    </message>
    <message>
        <source>已超过办理时限</source>
        <translation>Past the time limit</translation>
    </message>
    <message>
        <source>尚缺：{documents}</source>
        <translation>Still missing: {documents}</translation>
    </message>
</context>
<context>
    <name>ApplicationsView</name>
    <message>
        <source>未办结</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>已超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>督办</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>超期、被催办或已升级的未办结受理单，最早的在前</source>
        <translation>Open applications that are overdue, urged or escalated, oldest first</translation>
    </message>
    <message>
        <source>只看我受理的</source>
        <translation>Only mine</translation>
    </message>
    <message>
        <source>查找单号、户号、客户</source>
        <translation>Find by application no., account no. or customer</translation>
    </message>
    <message>
        <source>点击显示所有客户的受理单</source>
        <translation>Click to show the applications of every customer</translation>
    </message>
    <message>
        <source>资料补齐</source>
        <translation>Documents received</translation>
    </message>
    <message>
        <source>已联系</source>
        <translation>Contacted</translation>
    </message>
    <message>
        <source>办结</source>
        <translation>Complete</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation>Cancel application</translation>
    </message>
    <message>
        <source>打印一次性告知单</source>
        <translation>Print missing-documents notice</translation>
    </message>
    <message>
        <source>升级</source>
        <translation>Escalate</translation>
    </message>
    <message>
        <source>催办</source>
        <translation>Urge</translation>
    </message>
    <message>
        <source>户号 {account} ✕</source>
        <translation>Account no. {account} ✕</translation>
    </message>
    <message>
        <source>读取受理单失败：{error}</source>
        <translation>Cannot read the applications: {error}</translation>
    </message>
    <message numerus="yes">
        <source>共 %n 件</source>
        <translation>
            <numerusform>%n application</numerusform>
            <numerusform>%n applications</numerusform>
        </translation>
    </message>
    <message>
        <source>{shown} / {total}</source>
        <translation>{shown} / {total}</translation>
    </message>
    <message numerus="yes">
        <source>，超期 %n 件</source>
        <translation>
            <numerusform>, %n overdue</numerusform>
            <numerusform>, %n overdue</numerusform>
        </translation>
    </message>
    <message>
        <source>在左侧选择一张受理单查看详情</source>
        <translation>Select an application on the left to see its details</translation>
    </message>
    <message>
        <source>{number} 已登记收到资料</source>
        <translation>{number}: documents recorded as received</translation>
    </message>
    <message>
        <source>已联系客户</source>
        <translation>Customer contacted</translation>
    </message>
    <message>
        <source>{number}：联系了谁、怎样联系、客户怎么说</source>
        <translation>{number}: who was contacted, how, and what the customer said</translation>
    </message>
    <message>
        <source>登记</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>{number} 已登记联系客户</source>
        <translation>{number}: contact with the customer recorded</translation>
    </message>
    <message>
        <source>{number}：办理结果（可不填）</source>
        <translation>{number}: outcome (optional)</translation>
    </message>
    <message>
        <source>{number} 已办结</source>
        <translation>{number} completed</translation>
    </message>
    <message>
        <source>撤销受理单</source>
        <translation>Cancel application</translation>
    </message>
    <message>
        <source>撤销 {number} 的原因（如客户撤回申请）</source>
        <translation>Why cancel {number}? (e.g. the customer withdrew the request)</translation>
    </message>
    <message>
        <source>{number} 已撤销</source>
        <translation>{number} cancelled</translation>
    </message>
    <message>
        <source>升级督办</source>
        <translation>Escalate</translation>
    </message>
    <message>
        <source>{number}：为什么升级、交给谁处理</source>
        <translation>{number}: why escalate, and who should handle it</translation>
    </message>
    <message>
        <source>{number} 已升级</source>
        <translation>{number} escalated</translation>
    </message>
    <message>
        <source>{number}：催办意见</source>
        <translation>{number}: note to send with the urge</translation>
    </message>
    <message>
        <source>{number} 已催办</source>
        <translation>{number} urged</translation>
    </message>
    <message>
        <source>操作失败，请重试或联系值班长：{error}</source>
        <translation>That did not work. Try again or ask the shift lead: {error}</translation>
    </message>
    <message>
        <source>超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>已升级</source>
        <translation>Escalated</translation>
    </message>
    <message>
        <source>已催办</source>
        <translation>Urged</translation>
    </message>
    <message>
        <source>客户</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>户号</source>
        <translation>Account no.</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>受理</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <source>排队号</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <source>投诉类别</source>
        <translation>Complaint type</translation>
    </message>
    <message>
        <source>紧急程度</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <source>联系时限</source>
        <translation>Contact by</translation>
    </message>
    <message>
        <source>被投诉对象</source>
        <translation>Complaint about</translation>
    </message>
    <message>
        <source>办结时间</source>
        <translation>Completed at</translation>
    </message>
    <message>
        <source>申请内容</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>资料</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source>办理记录</source>
        <translation>History</translation>
    </message>
    <message>
        <source>{clerk}，{window}号窗口，{when}</source>
        <translation>{clerk}, window {window}, {when}</translation>
    </message>
    <message>
        <source>未交</source>
        <translation>missing</translation>
    </message>
</context>
<context>
    <name>AssessmentRulesDialog</name>
    <message>
        <source>考核参数</source>
        <translation>Assessment settings</translation>
    </message>
    <message>
        <source>扣分标准（每项扣分不超过上限）</source>
        <translation>Deductions (each capped at its maximum)</translation>
    </message>
    <message>
        <source>每次扣分</source>
        <translation>Points each</translation>
    </message>
    <message>
        <source>上限</source>
        <translation>Cap</translation>
    </message>
    <message>
        <source>超时办理，每件</source>
        <translation>Served over target, per ticket</translation>
    </message>
    <message>
        <source>不满意评价，每次</source>
        <translation>Poor rating, each</translation>
    </message>
    <message>
        <source>满意率低于下限，每差1个百分点</source>
        <translation>Satisfaction rate below the minimum, per percentage point short</translation>
    </message>
    <message>
        <source>被投诉，每次</source>
        <translation>Complaint, each</translation>
    </message>
    <message>
        <source>暂停超出每日允许，每10分钟</source>
        <translation>Paused beyond the daily allowance, per 10 min</translation>
    </message>
    <message>
        <source> 分</source>
        <translation> pts</translation>
    </message>
    <message>
        <source> 分钟</source>
        <translation> min</translation>
    </message>
    <message>
        <source>满意率下限</source>
        <translation>Minimum satisfaction rate</translation>
    </message>
    <message>
        <source>每日允许暂停</source>
        <translation>Daily pause allowance</translation>
    </message>
    <message>
        <source>星级分数线（满分100分）</source>
        <translation>Star thresholds (out of 100 points)</translation>
    </message>
    <message>
        <source>一星</source>
        <translation>1 star</translation>
    </message>
    <message>
        <source>二星</source>
        <translation>2 stars</translation>
    </message>
    <message>
        <source>三星</source>
        <translation>3 stars</translation>
    </message>
    <message>
        <source>四星</source>
        <translation>4 stars</translation>
    </message>
    <message>
        <source>五星</source>
        <translation>5 stars</translation>
    </message>
    <message>
        <source>五星另需满意率不低于</source>
        <translation>5 stars also needs a satisfaction rate of at least</translation>
    </message>
    <message>
        <source>恢复默认值</source>
        <translation>Restore defaults</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>修改后全厅的考核得分按新参数重新计算，包括以往的考核期。</source>
        <translation>After a change, every score in the hall is recalculated with the new settings, past periods included.</translation>
    </message>
</context>
<context>
    <name>AssessmentView</name>
    <message>
        <source>本周</source>
        <translation>This week</translation>
    </message>
    <message>
        <source>上周</source>
        <translation>Last week</translation>
    </message>
    <message>
        <source>本月</source>
        <translation>This month</translation>
    </message>
    <message>
        <source>上月</source>
        <translation>Last month</translation>
    </message>
    <message>
        <source>自定义</source>
        <translation>Custom</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>导出 PDF</source>
        <translation>Export PDF</translation>
    </message>
    <message>
        <source>导出 Excel</source>
        <translation>Export Excel</translation>
    </message>
    <message>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>考核参数…</source>
        <translation>Assessment settings...</translation>
    </message>
    <message>
        <source>员工考核</source>
        <translation>Staff assessment</translation>
    </message>
    <message>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <source>本考核期内没有员工在窗口办理业务。</source>
        <translation>No staff served customers at a window in this period.</translation>
    </message>
    <message>
        <source>无扣分</source>
        <translation>No deductions</translation>
    </message>
    <message>
        <source>{name}（工号 {code}）</source>
        <translation>{name} (staff no. {code})</translation>
    </message>
    <message>
        <source>考核期 {period}</source>
        <translation>Period: {period}</translation>
    </message>
    <message>
        <source>{score} 分</source>
        <translation>{score} pts</translation>
    </message>
    <message>
        <source>考核得分</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>考核数据</source>
        <translation>Figures</translation>
    </message>
    <message>
        <source>扣分明细</source>
        <translation>Deductions</translation>
    </message>
    <message>
        <source>员工考核-{first}至{last}</source>
        <translation>Staff assessment {first} to {last}</translation>
    </message>
    <message>
        <source>员工考核 {first}至{last}</source>
        <translation>Staff assessment {first} to {last}</translation>
    </message>
    <message>
        <source>考核参数已保存，得分已按新参数重新计算</source>
        <translation>Assessment settings saved; scores recalculated with them</translation>
    </message>
</context>
<context>
    <name>BusinessButton</name>
    <message>
        <source>排队高峰</source>
        <translation>Busy</translation>
    </message>
    <message numerus="yes">
        <source>等候 %n 人</source>
        <translation>
            <numerusform>%n waiting</numerusform>
            <numerusform>%n waiting</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BusinessLoadModel</name>
    <message>
        <source>号段</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>业务</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>等候</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>最长等候</source>
        <translation>Longest wait</translation>
    </message>
    <message>
        <source>窗口</source>
        <translation>Windows</translation>
    </message>
    <message>
        <source>取号</source>
        <translation>Tickets</translation>
    </message>
    <message>
        <source>{count} 人</source>
        <translation>{count}</translation>
    </message>
    <message>
        <source>{minutes} 分钟</source>
        <translation>{minutes} min</translation>
    </message>
    <message>
        <source>暂停</source>
        <translation>Paused</translation>
    </message>
    <message>
        <source>临时</source>
        <translation>Temporary</translation>
    </message>
    <message>
        <source>开放</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>已暂停取号，已取号的客户照常办理</source>
        <translation>No new tickets; customers who already have one are still served</translation>
    </message>
    <message>
        <source>停电咨询的临时业务</source>
        <translation>Temporary service for outage enquiries</translation>
    </message>
</context>
<context>
    <name>BusinessSwitchDialog</name>
    <message>
        <source>业务开关</source>
        <translation>Services on/off</translation>
    </message>
    <message>
        <source>哪些业务可以取号？</source>
        <translation>Which services are open for tickets?</translation>
    </message>
    <message>
        <source>暂停取号后，已取号的客户照常办理。</source>
        <translation>When a service stops issuing tickets, customers who already have one are still served.</translation>
    </message>
    <message>
        <source>等候 {count} 人</source>
        <translation>{count} waiting</translation>
    </message>
    <message>
        <source>停电咨询</source>
        <translation>Outage enquiries</translation>
    </message>
    <message>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>CalendarDialog</name>
    <message>
        <source>节假日与调休</source>
        <translation>Holidays and make-up working days</translation>
    </message>
    <message>
        <source>按国务院办公厅当年的放假通知填写。受理单的办理时限按工作日计算：周末和节假日不计，调休上班的周末计入。改动只影响以后的受理单。</source>
        <translation>Fill this in from the State Council&apos;s holiday notice for the year. Application time limits count working days: weekends and holidays do not count, make-up working days at weekends do. Changes affect only applications made from now on.</translation>
    </message>
    <message>
        <source>节假日</source>
        <translation>Holiday</translation>
    </message>
    <message>
        <source>调休上班</source>
        <translation>Make-up working day</translation>
    </message>
    <message>
        <source>节假日（放假）</source>
        <translation>Holiday (day off)</translation>
    </message>
    <message>
        <source>调休上班（周末）</source>
        <translation>Make-up working day (weekend)</translation>
    </message>
    <message>
        <source>如 国庆节</source>
        <translation>e.g. National Day</translation>
    </message>
    <message>
        <source>设置</source>
        <translation>Set</translation>
    </message>
    <message>
        <source>恢复为普通日</source>
        <translation>Reset to ordinary day</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>至</source>
        <translation>Until</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>{year} 年：节假日 {holidays} 天，调休上班 {workdays} 天</source>
        <translation>{year} · Holidays: {holidays} · Make-up working days: {workdays}</translation>
    </message>
    <message>
        <source>本年尚未设置节假日</source>
        <translation>No holidays set for this year yet</translation>
    </message>
    <message>
        <source>{day} {weekday}  {kind}</source>
        <translation>{day} {weekday}  {kind}</translation>
    </message>
    <message>
        <source>现为{kind}</source>
        <translation>set as: {kind}</translation>
    </message>
    <message>
        <source>周末</source>
        <translation>weekend</translation>
    </message>
    <message>
        <source>工作日</source>
        <translation>working day</translation>
    </message>
    <message>
        <source>{day} {weekday}（{state}）</source>
        <translation>{day} {weekday} ({state})</translation>
    </message>
    <message>
        <source>调休上班只能设在周六或周日</source>
        <translation>A make-up working day must be a Saturday or Sunday</translation>
    </message>
    <message numerus="yes">
        <source>已把 %n 天设为{kind}</source>
        <translation>
            <numerusform>%n day set as: {kind}</numerusform>
            <numerusform>%n days set as: {kind}</numerusform>
        </translation>
    </message>
    <message>
        <source>{day} 已恢复为普通日</source>
        <translation>{day} is an ordinary day again</translation>
    </message>
    <message>
        <source>操作失败：{error}</source>
        <translation>That did not work: {error}</translation>
    </message>
</context>
<context>
    <name>ClerksModel</name>
    <message>
        <source>无扣分</source>
        <translation>No deductions</translation>
    </message>
</context>
<context>
    <name>CounterWindow</name>
    <message>
        <source>呼叫下一位</source>
        <translation>Call next</translation>
    </message>
    <message>
        <source>开始办理</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>办结</source>
        <translation>Finish</translation>
    </message>
    <message>
        <source>办结并呼叫下一位</source>
        <translation>Finish + next</translation>
    </message>
    <message>
        <source>重呼</source>
        <translation>Recall</translation>
    </message>
    <message>
        <source>过号</source>
        <translation>No-show</translation>
    </message>
    <message>
        <source>转移</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <source>挂起</source>
        <translation>Park</translation>
    </message>
    <message>
        <source>暂停服务</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>回呼</source>
        <translation>Call back</translation>
    </message>
    <message>
        <source>恢复过号</source>
        <translation>Restore no-show</translation>
    </message>
    <message>
        <source>收费</source>
        <translation>Payment</translation>
    </message>
    <message>
        <source>业务受理</source>
        <translation>New application</translation>
    </message>
    <message>
        <source>客户档案</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>受理单</source>
        <translation>Applications</translation>
    </message>
    <message>
        <source>收据/冲正</source>
        <translation>Receipts</translation>
    </message>
    <message>
        <source>日清日结</source>
        <translation>Settlement</translation>
    </message>
    <message>
        <source>呼叫本窗口队列中的下一位</source>
        <translation>Call the next customer in this window&apos;s queue</translation>
    </message>
    <message>
        <source>客户已到窗口，开始计算办理时间</source>
        <translation>The customer is here: start timing the service</translation>
    </message>
    <message>
        <source>填写办理结果并办结</source>
        <translation>Record the outcome and finish</translation>
    </message>
    <message>
        <source>办结当前的号，并马上呼叫下一位</source>
        <translation>Finish this ticket and call the next customer straight away</translation>
    </message>
    <message>
        <source>再次广播当前的号</source>
        <translation>Announce the current ticket again</translation>
    </message>
    <message>
        <source>客户未到：记为过号，回来后可恢复</source>
        <translation>Customer not here: mark as a no-show (it can be restored when they come back)</translation>
    </message>
    <message>
        <source>转到其他业务的队列，保留取号时间</source>
        <translation>Move to another service&apos;s queue, keeping the time the ticket was taken</translation>
    </message>
    <message>
        <source>暂时挂起当前的号（如客户去取材料），之后可回呼</source>
        <translation>Park this ticket for now (e.g. the customer fetches documents) and call it back later</translation>
    </message>
    <message>
        <source>暂停或恢复本窗口叫号</source>
        <translation>Pause or resume calling at this window</translation>
    </message>
    <message>
        <source>把选中的挂起号排回队首</source>
        <translation>Put the selected parked ticket back at the front of the queue</translation>
    </message>
    <message>
        <source>把选中的过号排回队首</source>
        <translation>Put the selected no-show back at the front of the queue</translation>
    </message>
    <message>
        <source>收取电费（唱收唱付）并开具收据</source>
        <translation>Take a payment (read each amount aloud) and issue a receipt</translation>
    </message>
    <message>
        <source>为当前客户填写业务申请（受理单）</source>
        <translation>Fill in an application for the current customer</translation>
    </message>
    <message>
        <source>查询客户档案和来访记录</source>
        <translation>Look up customer records and visit history</translation>
    </message>
    <message>
        <source>查看受理单的办理进度、补齐资料、办结；含催办</source>
        <translation>Track applications, record documents received and complete them; urges show here too</translation>
    </message>
    <message>
        <source>今日收据：重打或冲正（需值班长密码）</source>
        <translation>Today&apos;s receipts: reprint or reverse (needs the shift lead&apos;s password)</translation>
    </message>
    <message>
        <source>下班前核对现金与收据（日清日结）</source>
        <translation>Check the cash against the receipts before you leave (end-of-day settlement)</translation>
    </message>
    <message>
        <source>{window}号窗口 · {name} ({code})</source>
        <translation>Window {window} · {name} ({code})</translation>
    </message>
    <message>
        <source>超期、被催办或升级的受理单</source>
        <translation>Applications overdue, urged or escalated</translation>
    </message>
    <message>
        <source>本窗口目前无人等候</source>
        <translation>No one is waiting for this window</translation>
    </message>
    <message>
        <source>选中挂起或过号的号，可把它排回队首，再按 F1 呼叫</source>
        <translation>Select a parked ticket or a no-show to put it back at the front, then press F1 to call it</translation>
    </message>
    <message numerus="yes">
        <source>本窗口等候 %n 人</source>
        <translation>
            <numerusform>%n waiting here</numerusform>
            <numerusform>%n waiting here</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>挂起 %n</source>
        <translation>
            <numerusform>%n parked</numerusform>
            <numerusform>%n parked</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>过号 %n</source>
        <translation>
            <numerusform>%n no-show</numerusform>
            <numerusform>%n no-shows</numerusform>
        </translation>
    </message>
    <message>
        <source>暂停服务：{reason}</source>
        <translation>Paused: {reason}</translation>
    </message>
    <message>
        <source>服务中</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>原因：{reason}</source>
        <translation>Reason: {reason}</translation>
    </message>
    <message>
        <source>暂停服务</source>
        <comment>the window&apos;s state</comment>
        <translation>Paused</translation>
    </message>
    <message>
        <source>正在读取…</source>
        <translation>Loading...</translation>
    </message>
    <message>
        <source>空闲</source>
        <translation>Free</translation>
    </message>
    <message>
        <source>督办 {count}</source>
        <translation>Follow-up {count}</translation>
    </message>
    <message>
        <source>下一位：{number} · {business}</source>
        <translation>Next: {number} · {business}</translation>
    </message>
    <message>
        <source>客户到窗口后按 {start} 开始办理；未到可按 {recall} 重呼或 {no_show} 过号</source>
        <translation>When the customer arrives, press {start} to start; if not, {recall} to recall or {no_show} for a no-show</translation>
    </message>
    <message>
        <source>办理完成后按 {finish} 办结（{finish_next} 办结并呼叫下一位）</source>
        <translation>When done, press {finish} to finish ({finish_next} to finish and call the next)</translation>
    </message>
    <message>
        <source>窗口已暂停叫号，按 {pause} 恢复服务</source>
        <translation>Calling is paused at this window: press {pause} to resume</translation>
    </message>
    <message numerus="yes">
        <source>按 {call} 呼叫下一位（本窗口等候 %n 人）</source>
        <translation>
            <numerusform>Press {call} to call the next customer (%n waiting)</numerusform>
            <numerusform>Press {call} to call the next customer (%n waiting)</numerusform>
        </translation>
    </message>
    <message>
        <source>目前无人等候，有客户取号后即可呼叫</source>
        <translation>No one is waiting: you can call as soon as a customer takes a ticket</translation>
    </message>
    <message>
        <source>{window}号窗口 · {name} ({code}) · 柜台</source>
        <translation>Window {window} · {name} ({code}) · Counter</translation>
    </message>
    <message>
        <source>恢复服务</source>
        <translation>Resume</translation>
    </message>
    <message>
        <source>读取队列失败，正在重试：{error}</source>
        <translation>Cannot read the queue, retrying: {error}</translation>
    </message>
    <message>
        <source>操作失败，请重试或联系值班长：{error}</source>
        <translation>That did not work. Try again or ask the shift lead: {error}</translation>
    </message>
    <message>
        <source>本窗口目前没有等候的客户</source>
        <translation>No customers are waiting for this window</translation>
    </message>
    <message numerus="yes">
        <source>已重呼 {number}（第 %n 次）</source>
        <translation>
            <numerusform>Recalled {number} (%n time)</numerusform>
            <numerusform>Recalled {number} (%n times)</numerusform>
        </translation>
    </message>
    <message>
        <source>{number} 已过号。客户回来后，在右侧列表选中它点“恢复过号”</source>
        <translation>{number} is a no-show. If the customer comes back, select it in the list on the right and click &quot;Restore no-show&quot;</translation>
    </message>
    <message>
        <source>{number} 已挂起。客户回来后，在右侧列表选中它点“回呼”</source>
        <translation>{number} is parked. When the customer comes back, select it in the list on the right and click &quot;Call back&quot;</translation>
    </message>
    <message>
        <source>{number} 已办结</source>
        <translation>{number} finished</translation>
    </message>
    <message>
        <source>{number} 已办结，但未能呼叫下一位：{reason}</source>
        <translation>{number} finished, but the next customer could not be called: {reason}</translation>
    </message>
    <message>
        <source>{number} 已办结；本窗口目前没有等候的客户</source>
        <translation>{number} finished; no customers are waiting for this window</translation>
    </message>
    <message>
        <source>{number} 已转到“{business}”，保留原取号时间</source>
        <translation>{number} moved to &quot;{business}&quot;, keeping the time it was taken</translation>
    </message>
    <message>
        <source>{number} 已排回队首，按 {call} 呼叫</source>
        <translation>{number} is back at the front: press {call} to call it</translation>
    </message>
    <message>
        <source>{number} 已排回队首</source>
        <translation>{number} is back at the front of the queue</translation>
    </message>
    <message>
        <source>收据 {number} 已开出</source>
        <translation>Receipt {number} issued</translation>
    </message>
    <message>
        <source>受理单 {number} 已保存</source>
        <translation>Application {number} saved</translation>
    </message>
    <message>
        <source>日结已记录：{verdict}</source>
        <translation>Settlement recorded: {verdict}</translation>
    </message>
</context>
<context>
    <name>CustomerDialog</name>
    <message>
        <source>7天内来过：{when} {number}（{result}）</source>
        <translation>Visited in the last 7 days: {when} {number} ({result})</translation>
    </message>
    <message>
        <source>，备注：{note}</source>
        <translation>; note: {note}</translation>
    </message>
    <message>
        <source>客户档案</source>
        <translation>Customer records</translation>
    </message>
    <message>
        <source>户号 / 户名 / 电话 / 地址，按回车查找</source>
        <translation>Account no. / name / phone / address, then press Enter</translation>
    </message>
    <message>
        <source>查找</source>
        <translation>Find</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>重复来访</source>
        <translation>Repeat visit</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>用电地址</source>
        <translation>Supply address</translation>
    </message>
    <message>
        <source>用电类别</source>
        <translation>Tariff class</translation>
    </message>
    <message>
        <source>电压等级</source>
        <translation>Voltage</translation>
    </message>
    <message>
        <source>合同容量</source>
        <translation>Contracted capacity</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>请输入户号、户名、电话或地址</source>
        <translation>Type an account no., name, phone or address</translation>
    </message>
    <message>
        <source>没有找到“{text}”</source>
        <translation>Nothing found for &quot;{text}&quot;</translation>
    </message>
    <message numerus="yes">
        <source>超过 %n 户，只显示前 %n 户，请输入更多内容</source>
        <translation>
            <numerusform>More than %n account: showing the first %n. Type more to narrow the search</numerusform>
            <numerusform>More than %n accounts: showing the first %n. Type more to narrow the search</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>找到 %n 户</source>
        <translation>
            <numerusform>%n account found</numerusform>
            <numerusform>%n accounts found</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>来访记录 (%n)</source>
        <translation>
            <numerusform>Visits (%n)</numerusform>
            <numerusform>Visits (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>受理单 (%n)</source>
        <translation>
            <numerusform>Applications (%n)</numerusform>
            <numerusform>Applications (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>缴费记录 (%n)</source>
        <translation>
            <numerusform>Payments (%n)</numerusform>
            <numerusform>Payments (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>请查找客户</source>
        <translation>Find a customer</translation>
    </message>
    <message>
        <source>档案中没有此户号</source>
        <translation>This account no. is not on file</translation>
    </message>
    <message>
        <source>户号 {number}</source>
        <translation>Account no. {number}</translation>
    </message>
    <message>
        <source>{kva} kVA</source>
        <translation>{kva} kVA</translation>
    </message>
    <message>
        <source>欠费 {amount}</source>
        <translation>Arrears {amount}</translation>
    </message>
    <message>
        <source>预存余额 {amount}</source>
        <translation>Prepaid balance {amount}</translation>
    </message>
    <message>
        <source>查询失败，请重试：{error}</source>
        <translation>Look-up failed, please try again: {error}</translation>
    </message>
</context>
<context>
    <name>DailySheetView</name>
    <message>
        <source>前一天</source>
        <translation>Previous day</translation>
    </message>
    <message>
        <source>后一天</source>
        <translation>Next day</translation>
    </message>
    <message>
        <source>今天</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>导出 PDF</source>
        <translation>Export PDF</translation>
    </message>
    <message>
        <source>导出 Excel</source>
        <translation>Export Excel</translation>
    </message>
    <message>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>营业日报</source>
        <translation>Daily sheet</translation>
    </message>
    <message>
        <source>取号</source>
        <translation>Tickets issued</translation>
    </message>
    <message>
        <source>办结</source>
        <translation>Served</translation>
    </message>
    <message>
        <source>平均等候(分钟)</source>
        <translation>Average wait (min)</translation>
    </message>
    <message>
        <source>90%等候(分钟)</source>
        <translation>90th percentile wait (min)</translation>
    </message>
    <message>
        <source>办理超时</source>
        <translation>Over target</translation>
    </message>
    <message>
        <source>满意率</source>
        <translation>Satisfaction rate</translation>
    </message>
    <message>
        <source>投诉</source>
        <translation>Complaints</translation>
    </message>
    <message>
        <source>收费合计</source>
        <translation>Total payments</translation>
    </message>
    <message>
        <source>分时段取号与办结</source>
        <translation>Tickets issued and served by hour</translation>
    </message>
    <message>
        <source>等候时间分布</source>
        <translation>Waiting times</translation>
    </message>
    <message>
        <source>未能读取日报：{error}</source>
        <translation>Could not read the daily sheet: {error}</translation>
    </message>
    <message>
        <source>{hour}时</source>
        <translation>{hour}:00</translation>
    </message>
    <message>
        <source>{minutes}以上</source>
        <translation>{minutes}+</translation>
    </message>
    <message>
        <source>人数</source>
        <translation>Customers</translation>
    </message>
    <message>
        <source>等候(分钟)</source>
        <translation>Wait (min)</translation>
    </message>
    <message>
        <source>日终未办关闭 {count}</source>
        <translation>Closed unserved at day end: {count}</translation>
    </message>
    <message>
        <source>过号 {no_shows} · 转出 {transferred}</source>
        <translation>No-shows {no_shows} · Transferred out {transferred}</translation>
    </message>
    <message>
        <source>平均办理 {minutes} 分钟</source>
        <translation>Average service {minutes} min</translation>
    </message>
    <message>
        <source>等候超{limit}分钟 {count} 人</source>
        <translation>Waited over {limit} min: {count}</translation>
    </message>
    <message>
        <source>超过业务办理时限</source>
        <translation>Over the service&apos;s target time</translation>
    </message>
    <message>
        <source>{rate}%</source>
        <translation>{rate}%</translation>
    </message>
    <message>
        <source>评价 {count} 次</source>
        <translation>Ratings: {count}</translation>
    </message>
    <message>
        <source>逾期未办 {count}</source>
        <translation>Overdue: {count}</translation>
    </message>
    <message>
        <source>收据 {receipts} · 冲正 {reversals}</source>
        <translation>Receipts {receipts} · Reversals {reversals}</translation>
    </message>
    <message>
        <source>营业日报-{day}</source>
        <translation>Daily sheet {day}</translation>
    </message>
    <message>
        <source>营业日报 {day}</source>
        <translation>Daily sheet {day}</translation>
    </message>
</context>
<context>
    <name>DocumentsDialog</name>
    <message>
        <source>资料补齐</source>
        <translation>Documents received</translation>
    </message>
    <message>
        <source>{number} 收到了哪些资料？</source>
        <translation>Which documents came in for {number}?</translation>
    </message>
    <message>
        <source>登记收到</source>
        <translation>Record as received</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>EndDayDialog</name>
    <message>
        <source>结束今日营业</source>
        <translation>End the day</translation>
    </message>
    <message>
        <source>结束今日营业？</source>
        <translation>End the day?</translation>
    </message>
    <message>
        <source>结束后不能再取号。</source>
        <translation>No more tickets can be issued afterwards.</translation>
    </message>
    <message>
        <source>以下 {count} 张未办理的票将关闭：</source>
        <translation>Unserved tickets to be closed: {count}</translation>
    </message>
    <message>
        <source>等候 {count} 张</source>
        <translation>Waiting: {count}</translation>
    </message>
    <message>
        <source>{code} {name} {count} 张</source>
        <translation>{code} {name}: {count}</translation>
    </message>
    <message>
        <source>挂起 {count} 张</source>
        <translation>Parked: {count}</translation>
    </message>
    <message>
        <source>过号 {count} 张</source>
        <translation>No-shows: {count}</translation>
    </message>
    <message>
        <source>目前没有未办理的票。</source>
        <translation>There are no unserved tickets.</translation>
    </message>
    <message>
        <source>正在呼叫或办理的 {count} 张不受影响，窗口照常办完。</source>
        <translation>Tickets being called or served ({count}) are not affected: the windows finish them as usual.</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>FinishDialog</name>
    <message>
        <source>办结</source>
        <translation>Finish</translation>
    </message>
    <message>
        <source>办结 {number} · {business}</source>
        <translation>Finish {number} · {business}</translation>
    </message>
    <message>
        <source>已办结</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>未办结，需再来</source>
        <translation>Not resolved: the customer must come back</translation>
    </message>
    <message>
        <source>已转办（如95598）</source>
        <translation>Referred (e.g. to 95598)</translation>
    </message>
    <message>
        <source>备注（可不填）</source>
        <translation>Note (optional)</translation>
    </message>
    <message>
        <source>办结并呼叫下一位</source>
        <translation>Finish and call next</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>例如：已缴清电费</source>
        <translation>e.g. Bill paid in full</translation>
    </message>
    <message>
        <source>例如：缺少房产证明，已一次性告知所需材料</source>
        <translation>e.g. No proof of ownership; told the customer every document needed</translation>
    </message>
    <message>
        <source>例如：已转95598，工单号…</source>
        <translation>e.g. Referred to 95598, case no. ...</translation>
    </message>
    <message>
        <source>{length}/{limit} 字</source>
        <translation>{length}/{limit} characters</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>首次设置</source>
        <translation>First-time setup</translation>
    </message>
    <message>
        <source>欢迎使用营业厅排队系统。请填写营业厅名称，并创建第一位值班长账号。</source>
        <translation>Welcome to the service hall queuing system. Enter the hall&apos;s name and create the first shift lead account.</translation>
    </message>
    <message>
        <source>例如：城东供电营业厅</source>
        <translation>e.g. Chengdong Power Service Hall</translation>
    </message>
    <message>
        <source>字母或数字，例如 9001</source>
        <translation>Letters or digits, e.g. 9001</translation>
    </message>
    <message>
        <source>营业厅名称</source>
        <translation>Hall name</translation>
    </message>
    <message>
        <source>值班长工号</source>
        <translation>Shift lead&apos;s staff no.</translation>
    </message>
    <message>
        <source>值班长姓名</source>
        <translation>Shift lead&apos;s name</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>再次输入密码</source>
        <translation>Repeat password</translation>
    </message>
    <message>
        <source>完成设置</source>
        <translation>Finish setup</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>请填写营业厅名称</source>
        <translation>Enter the hall&apos;s name</translation>
    </message>
    <message>
        <source>请填写值班长工号</source>
        <translation>Enter the shift lead&apos;s staff no.</translation>
    </message>
    <message>
        <source>请填写值班长姓名</source>
        <translation>Enter the shift lead&apos;s name</translation>
    </message>
    <message>
        <source>请设置密码</source>
        <translation>Set a password</translation>
    </message>
    <message>
        <source>两次输入的密码不一致</source>
        <translation>The passwords do not match</translation>
    </message>
    <message>
        <source>正在保存…</source>
        <translation>Saving...</translation>
    </message>
    <message>
        <source>保存失败：{error}</source>
        <translation>Could not save: {error}</translation>
    </message>
</context>
<context>
    <name>FormChooserDialog</name>
    <message>
        <source>选择受理单</source>
        <translation>Choose an application form</translation>
    </message>
    <message>
        <source>填写</source>
        <translation>Fill in</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>办理哪一项？</source>
        <translation>Which request is it?</translation>
    </message>
</context>
<context>
    <name>HallDeskApp</name>
    <message>
        <source>打开其他工作站…</source>
        <translation>Open another workstation...</translation>
    </message>
</context>
<context>
    <name>HallDisplayWindow</name>
    <message>
        <source>叫号显示屏</source>
        <translation>Hall display</translation>
    </message>
    <message>
        <source>最近呼叫</source>
        <translation>Recent calls</translation>
    </message>
    <message>
        <source>窗口</source>
        <translation>Windows</translation>
    </message>
    <message>
        <source>等候人数</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>公告</source>
        <translation>Notice</translation>
    </message>
    <message>
        <source>{hall} · 叫号显示屏</source>
        <translation>{hall} · Hall display</translation>
    </message>
    <message>
        <source>欢迎光临</source>
        <translation>Welcome</translation>
    </message>
    <message>
        <source>请取号等候叫号</source>
        <translation>Please take a ticket and wait to be called</translation>
    </message>
    <message>
        <source>再次呼叫</source>
        <translation>Calling again</translation>
    </message>
    <message>
        <source>正在呼叫</source>
        <translation>Now calling</translation>
    </message>
    <message>
        <source>请到 {window} 号窗口</source>
        <translation>Please go to window {window}</translation>
    </message>
    <message>
        <source>{window}号窗口</source>
        <translation>Window {window}</translation>
    </message>
    <message>
        <source>重呼</source>
        <translation>Recalled</translation>
    </message>
    <message numerus="yes">
        <source>%n 人</source>
        <translation>
            <numerusform>%n</numerusform>
            <numerusform>%n</numerusform>
        </translation>
    </message>
    <message>
        <source>欢迎光临{hall}，请取号后留意叫号</source>
        <translation>Welcome to {hall}. Please take a ticket and watch for your number</translation>
    </message>
    <message>
        <source>暂时无法读取叫号信息，正在重试</source>
        <translation>Cannot read the calls just now, retrying</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>导入客户档案</source>
        <translation>Import customer records</translation>
    </message>
    <message>
        <source>选择营销系统导出的 CSV 文件（UTF-8 或 GBK 编码），第一行为列名：户号、户名、用电地址（必需），联系电话、用电类别、电压等级、合同容量、欠费、预存余额、状态（可选）。金额以元为单位。已有的户号按文件更新：户名、地址、电话、欠费、预存余额等以营销系统为准。</source>
        <translation>Choose a CSV file exported from the billing system (UTF-8 or GBK). Its first row names the columns, in Chinese as exported or in English: account, name, address (required); phone, tariff_class, voltage_class, capacity_kva, arrears, prepaid, status (optional). Amounts are in yuan. Accounts already on file are updated from it: the billing system&apos;s names, addresses, phones, arrears, prepaid balances and so on replace those on file.</translation>
    </message>
    <message>
        <source>尚未选择文件</source>
        <translation>No file chosen</translation>
    </message>
    <message>
        <source>选择文件…</source>
        <translation>Choose file...</translation>
    </message>
    <message>
        <source>跳过错误行，只导入正确的行</source>
        <translation>Skip bad rows and import only the good ones</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>选择营销系统导出的 CSV 文件</source>
        <translation>Choose the CSV file exported from the billing system</translation>
    </message>
    <message>
        <source>CSV 文件 (*.csv *.txt);;所有文件 (*)</source>
        <translation>CSV files (*.csv *.txt);;All files (*)</translation>
    </message>
    <message numerus="yes">
        <source>共 %n 行：</source>
        <translation>
            <numerusform>%n row: </numerusform>
            <numerusform>%n rows: </numerusform>
        </translation>
    </message>
    <message>
        <source>新增 {added} 户，更新 {updated} 户</source>
        <translation>{added} new, {updated} updated</translation>
    </message>
    <message numerus="yes">
        <source>，%n 户无变化</source>
        <translation>
            <numerusform>, %n unchanged</numerusform>
            <numerusform>, %n unchanged</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>，%n 行有错误</source>
        <translation>
            <numerusform>, %n bad row</numerusform>
            <numerusform>, %n bad rows</numerusform>
        </translation>
    </message>
    <message>
        <source>文件编码：{encoding}</source>
        <translation>Encoding: {encoding}</translation>
    </message>
    <message numerus="yes">
        <source>已有的 %n 户将按营销系统的数据更新</source>
        <translation>
            <numerusform>%n existing account will be updated from the billing system</numerusform>
            <numerusform>%n existing accounts will be updated from the billing system</numerusform>
        </translation>
    </message>
    <message>
        <source>未识别、不导入的列：{columns}</source>
        <translation>Unknown columns, not imported: {columns}</translation>
    </message>
    <message>
        <source>导入完成：新增 {added} 户，更新 {updated} 户</source>
        <translation>Import done: {added} new, {updated} updated</translation>
    </message>
    <message numerus="yes">
        <source>，跳过错误行 %n 行</source>
        <translation>
            <numerusform>, %n bad row skipped</numerusform>
            <numerusform>, %n bad rows skipped</numerusform>
        </translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>找不到文件：{path}</source>
        <translation>File not found: {path}</translation>
    </message>
    <message>
        <source>无法读取文件：{reason}</source>
        <translation>Cannot read the file: {reason}</translation>
    </message>
    <message>
        <source>导入失败：{error}</source>
        <translation>Import failed: {error}</translation>
    </message>
</context>
<context>
    <name>JumpDialog</name>
    <message>
        <source>老年人</source>
        <translation>Elderly</translation>
    </message>
    <message>
        <source>残障人士</source>
        <translation>Disability</translation>
    </message>
    <message>
        <source>孕妇</source>
        <translation>Pregnancy</translation>
    </message>
    <message>
        <source>紧急投诉</source>
        <translation>Urgent complaint</translation>
    </message>
    <message>
        <source>重要客户</source>
        <translation>Key customer</translation>
    </message>
    <message>
        <source>插队</source>
        <translation>Queue jump</translation>
    </message>
    <message>
        <source>让 {number}（{business}）排到最前</source>
        <translation>Move {number} ({business}) to the front</translation>
    </message>
    <message>
        <source>下一个空闲窗口将先呼叫这张票，原因记录在案。</source>
        <translation>The next free window calls this ticket first. The reason is recorded.</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>LeadConsoleWindow</name>
    <message>
        <source>值班长控制台</source>
        <translation>Shift lead console</translation>
    </message>
    <message>
        <source>{hall} · 值班长控制台</source>
        <translation>{hall} · Shift lead console</translation>
    </message>
    <message>
        <source>各业务</source>
        <translation>Services</translation>
    </message>
    <message>
        <source>值班长</source>
        <translation>Shift lead</translation>
    </message>
    <message>
        <source>员工管理</source>
        <translation>Staff</translation>
    </message>
    <message>
        <source>大厅公告…</source>
        <translation>Hall notice...</translation>
    </message>
    <message>
        <source>结束今日营业…</source>
        <translation>End the day...</translation>
    </message>
    <message>
        <source>受理单督办</source>
        <translation>Application follow-up</translation>
    </message>
    <message>
        <source>导入客户档案…</source>
        <translation>Import customer records...</translation>
    </message>
    <message>
        <source>节假日…</source>
        <translation>Holidays...</translation>
    </message>
    <message>
        <source>营业日报</source>
        <translation>Daily sheet</translation>
    </message>
    <message>
        <source>员工考核</source>
        <translation>Staff assessment</translation>
    </message>
    <message>
        <source>业务开关…</source>
        <translation>Services on/off...</translation>
    </message>
    <message>
        <source>停电咨询…</source>
        <translation>Outage enquiries...</translation>
    </message>
    <message>
        <source>插队…</source>
        <translation>Queue jump...</translation>
    </message>
    <message>
        <source>先在等候队列中选中一张等候的票</source>
        <translation>First select a waiting ticket in the queue</translation>
    </message>
    <message>
        <source>读取大厅实况失败，正在重试：{error}</source>
        <translation>Cannot read the hall&apos;s live state, retrying: {error}</translation>
    </message>
    <message>
        <source>结束停电咨询</source>
        <translation>End outage enquiries</translation>
    </message>
    <message>
        <source>今日营业已结束</source>
        <translation>Closed for today</translation>
    </message>
    <message>
        <source>{code} {name} 开放取号</source>
        <translation>{code} {name} open for tickets</translation>
    </message>
    <message>
        <source>{code} {name} 暂停取号</source>
        <translation>{code} {name} closed to new tickets</translation>
    </message>
    <message>
        <source>停电咨询已开启：{code} {name}，显示屏公告已更新</source>
        <translation>Outage enquiries opened: {code} {name}; the hall display notice is updated</translation>
    </message>
    <message>
        <source>结束后不再发 {code} 字头的号，已取号的客户照常办理，显示屏公告将清除。确定结束停电咨询吗？</source>
        <translation>No more {code} tickets will be issued; customers who already have one are still served, and the hall display notice is cleared. End outage enquiries?</translation>
    </message>
    <message>
        <source>停电咨询已结束</source>
        <translation>Outage enquiries ended</translation>
    </message>
    <message>
        <source>{number} 已排到最前（{reason}）</source>
        <translation>{number} moved to the front ({reason})</translation>
    </message>
    <message>
        <source>今日营业已结束，关闭了 {count} 张未办理的票</source>
        <translation>The day has ended; unserved tickets closed: {count}</translation>
    </message>
    <message>
        <source>客户档案已导入：新增 {added} 户，更新 {updated} 户</source>
        <translation>Customer records imported: {added} new, {updated} updated</translation>
    </message>
    <message>
        <source>大厅公告</source>
        <translation>Hall notice</translation>
    </message>
    <message>
        <source>显示屏滚动公告（留空则不显示）：</source>
        <translation>Notice scrolling on the hall display (leave empty for none):</translation>
    </message>
    <message>
        <source>未能完成</source>
        <translation>Could not be done</translation>
    </message>
</context>
<context>
    <name>LiveQueueWindow</name>
    <message>
        <source>排队实况</source>
        <translation>Live queue</translation>
    </message>
    <message>
        <source>窗口</source>
        <translation>Windows</translation>
    </message>
    <message>
        <source>正在读取队列…</source>
        <translation>Loading the queue...</translation>
    </message>
    <message>
        <source>等候队列</source>
        <translation>Queue</translation>
    </message>
    <message>
        <source>目前无人等候</source>
        <translation>No one is waiting</translation>
    </message>
    <message>
        <source>各业务等候人数</source>
        <translation>Waiting by service</translation>
    </message>
    <message>
        <source>读取队列失败，正在重试：{error}</source>
        <translation>Cannot read the queue, retrying: {error}</translation>
    </message>
    <message>
        <source>{hall} · 排队实况</source>
        <translation>{hall} · Live queue</translation>
    </message>
    <message>
        <source>等候 {count} 人</source>
        <translation>{count} waiting</translation>
    </message>
    <message>
        <source>等候队列（{count} 人）</source>
        <translation>Queue ({count})</translation>
    </message>
    <message>
        <source>挂起 {count}</source>
        <translation>{count} parked</translation>
    </message>
    <message>
        <source>过号 {count}</source>
        <translation>{count} no-show</translation>
    </message>
    <message>
        <source>更新于 {time}</source>
        <translation>Updated {time}</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <source>× 关闭</source>
        <translation>× Close</translation>
    </message>
</context>
<context>
    <name>MethodTakingsModel</name>
    <message>
        <source>方式</source>
        <translation>Method</translation>
    </message>
    <message>
        <source>笔数</source>
        <translation>Receipts</translation>
    </message>
    <message>
        <source>实收</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>找零</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>转预收</source>
        <translation>To prepayment</translation>
    </message>
    <message>
        <source>冲正笔数</source>
        <translation>Reversals</translation>
    </message>
    <message>
        <source>冲正退还</source>
        <translation>Refunded</translation>
    </message>
    <message>
        <source>净收</source>
        <translation>Net</translation>
    </message>
    <message>
        <source>现金</source>
        <translation>Cash</translation>
    </message>
    <message>
        <source>刷卡</source>
        <translation>Card</translation>
    </message>
    <message>
        <source>扫码</source>
        <translation>QR code</translation>
    </message>
    <message>
        <source>合计</source>
        <translation>Total</translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>OutageSurgeDialog</name>
    <message>
        <source>停电咨询</source>
        <translation>Outage enquiries</translation>
    </message>
    <message>
        <source>开启停电咨询</source>
        <translation>Open outage enquiries</translation>
    </message>
    <message>
        <source>停电咨询作为临时业务，用自己的字头取号，在选中的窗口办理；公告显示在大厅显示屏上并播报。</source>
        <translation>Outage enquiries run as a temporary service with their own ticket letter, served at the chosen windows; the notice shows on the hall display and is read aloud.</translation>
    </message>
    <message>
        <source>无人签到</source>
        <translation>No one signed in</translation>
    </message>
    <message>
        <source>{window}（{who}）</source>
        <translation>{window} ({who})</translation>
    </message>
    <message>
        <source>号码字头，如 T001</source>
        <translation>Ticket letter, as in T001</translation>
    </message>
    <message>
        <source>字头</source>
        <translation>Letter</translation>
    </message>
    <message>
        <source>业务名称</source>
        <translation>Service name</translation>
    </message>
    <message>
        <source>显示屏公告</source>
        <translation>Display notice</translation>
    </message>
    <message>
        <source>办理窗口</source>
        <translation>Windows</translation>
    </message>
    <message>
        <source>开启</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>字头 {code} 已用于“{name}”，请换一个字母</source>
        <translation>Letter {code} is already used by &quot;{name}&quot;: choose another</translation>
    </message>
    <message>
        <source>请至少选择一个窗口</source>
        <translation>Choose at least one window</translation>
    </message>
</context>
<context>
    <name>Outcome</name>
    <message>
        <source>已办结</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>未办结，需再来</source>
        <translation>Not resolved: the customer must come back</translation>
    </message>
    <message>
        <source>已转办</source>
        <translation>Referred</translation>
    </message>
</context>
<context>
    <name>PauseDialog</name>
    <message>
        <source>暂停服务</source>
        <translation>Pause service</translation>
    </message>
    <message>
        <source>暂停服务的原因</source>
        <translation>Why is the window pausing?</translation>
    </message>
    <message>
        <source>午休</source>
        <translation>Lunch break</translation>
    </message>
    <message>
        <source>系统故障</source>
        <translation>System fault</translation>
    </message>
    <message>
        <source>业务培训</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>临时离开</source>
        <translation>Away for a moment</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <source>无法读取PDF文件：{path}</source>
        <translation>Cannot read the PDF file: {path}</translation>
    </message>
    <message>
        <source>收费</source>
        <translation>Payment</translation>
    </message>
    <message>
        <source>收费 · 唱收唱付</source>
        <translation>Payment · Read each amount aloud</translation>
    </message>
    <message>
        <source>输入户号后按回车</source>
        <translation>Type the account number and press Enter</translation>
    </message>
    <message>
        <source>查询</source>
        <translation>Look up</translation>
    </message>
    <message>
        <source>户号</source>
        <translation>Account no.</translation>
    </message>
    <message>
        <source>客户交来的金额，如 300</source>
        <translation>Amount handed over, e.g. 300</translation>
    </message>
    <message>
        <source>现金</source>
        <translation>Cash</translation>
    </message>
    <message>
        <source>刷卡</source>
        <translation>Card</translation>
    </message>
    <message>
        <source>扫码</source>
        <translation>QR code</translation>
    </message>
    <message>
        <source>找零</source>
        <translation>Give change</translation>
    </message>
    <message>
        <source>转预存</source>
        <translation>Book as prepayment</translation>
    </message>
    <message>
        <source>实收</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>缴费方式</source>
        <translation>Paid by</translation>
    </message>
    <message>
        <source>多收金额</source>
        <translation>Excess</translation>
    </message>
    <message>
        <source>确认收费</source>
        <translation>Confirm payment</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>请向客户唱收唱付：</source>
        <translation>Read this aloud to the customer:</translation>
    </message>
    <message>
        <source>打印收据</source>
        <translation>Print receipt</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>收费成功</source>
        <translation>Payment taken</translation>
    </message>
    <message>
        <source>请输入户号</source>
        <translation>Please type the account number</translation>
    </message>
    <message>
        <source>请输入户号并查询</source>
        <translation>Type the account number and look it up</translation>
    </message>
    <message>
        <source>未登记</source>
        <translation>Not on file</translation>
    </message>
    <message>
        <source>户名：{name}
地址：{address}
电话：{phone}</source>
        <translation>Name: {name}
Address: {address}
Phone: {phone}</translation>
    </message>
    <message>
        <source>应交 {amount}</source>
        <translation>Due {amount}</translation>
    </message>
    <message>
        <source>预存余额 {amount}</source>
        <translation>Prepaid balance {amount}</translation>
    </message>
    <message>
        <source>实收金额必须大于零</source>
        <translation>The amount received must be more than zero</translation>
    </message>
    <message>
        <source>实收{received}少于应交{due}，欠费须一次缴清，不收部分缴费</source>
        <translation>Received {received} is less than the {due} due: arrears are paid in full, partial payments are not taken</translation>
    </message>
    <message>
        <source>请先查询户号</source>
        <translation>Look up the account first</translation>
    </message>
    <message>
        <source>转预存 {amount}</source>
        <translation>Prepayment {amount}</translation>
    </message>
    <message>
        <source>找零 {amount}</source>
        <translation>Change {amount}</translation>
    </message>
    <message>
        <source>输入实收金额后，这里显示要向客户念的话</source>
        <translation>Once the amount received is typed, what to read aloud to the customer shows here</translation>
    </message>
    <message>
        <source>该户欠费已变为{due}，请核对后重新唱收</source>
        <translation>The arrears of this account are now {due}: check them and read the amounts aloud again</translation>
    </message>
    <message>
        <source>收据 {number}</source>
        <translation>Receipt {number}</translation>
    </message>
    <message>
        <source>{words}（{figures}）</source>
        <translation>{words} ({figures})</translation>
    </message>
    <message>
        <source>收据PDF未能保存，请用重打收据补打</source>
        <translation>The receipt PDF could not be saved; reprint the receipt to get a copy</translation>
    </message>
    <message>
        <source>收据已保存：{path}</source>
        <translation>Receipt saved: {path}</translation>
    </message>
    <message>
        <source>收据已送打印机</source>
        <translation>Receipt sent to the printer</translation>
    </message>
    <message>
        <source>未设置收据打印机，收据PDF已保存：{path}</source>
        <translation>No receipt printer is set up; the receipt PDF is saved: {path}</translation>
    </message>
    <message>
        <source>无法打开打印机“{name}”</source>
        <translation>Cannot open printer &quot;{name}&quot;</translation>
    </message>
    <message>
        <source>打印机拒绝了打印任务</source>
        <translation>The printer refused the print job</translation>
    </message>
</context>
<context>
    <name>PaymentHistoryModel</name>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>收据号</source>
        <translation>Receipt no.</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>缴费方式</source>
        <translation>Paid by</translation>
    </message>
    <message>
        <source>收费员</source>
        <translation>Cashier</translation>
    </message>
    <message>
        <source>冲正（{number}）</source>
        <translation>Reversal (of {number})</translation>
    </message>
    <message>
        <source>收费</source>
        <translation>Payment</translation>
    </message>
</context>
<context>
    <name>PaymentMethod</name>
    <message>
        <source>现金</source>
        <translation>Cash</translation>
    </message>
    <message>
        <source>刷卡</source>
        <translation>Card</translation>
    </message>
    <message>
        <source>扫码</source>
        <translation>QR code</translation>
    </message>
</context>
<context>
    <name>PrintFailureBar</name>
    <message>
        <source>重新打印</source>
        <translation>Print again</translation>
    </message>
    <message>
        <source>选择打印机…</source>
        <translation>Choose printer...</translation>
    </message>
    <message>
        <source>×</source>
        <translation>×</translation>
    </message>
    <message>
        <source>关闭提示（票已取，可在“最近取号”中补打）</source>
        <translation>Dismiss (the ticket is issued; reprint it from &quot;Recent tickets&quot;)</translation>
    </message>
    <message>
        <source>{number} 号票打印失败</source>
        <translation>Ticket {number} did not print</translation>
    </message>
</context>
<context>
    <name>PrinterSettingsDialog</name>
    <message>
        <source>打印测试</source>
        <translation>Test print</translation>
    </message>
    <message>
        <source>打印测试（不是有效号票）</source>
        <translation>Test print (not a valid ticket)</translation>
    </message>
    <message>
        <source>取号票打印机设置</source>
        <translation>Ticket printer settings</translation>
    </message>
    <message>
        <source>系统打印机（使用打印机驱动）</source>
        <translation>System printer (uses the printer driver)</translation>
    </message>
    <message>
        <source>热敏小票打印机（ESC/POS，直接连接）</source>
        <translation>Thermal slip printer (ESC/POS, connected directly)</translation>
    </message>
    <message>
        <source>测试打印</source>
        <translation>Test print</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>系统默认打印机（{name}）</source>
        <translation>System default printer ({name})</translation>
    </message>
    <message>
        <source>（系统中没有打印机）</source>
        <translation>(no printers on this PC)</translation>
    </message>
    <message>
        <source>打印机</source>
        <translation>Printer</translation>
    </message>
    <message>
        <source>网络（以太网/Wi-Fi）</source>
        <translation>Network (Ethernet/Wi-Fi)</translation>
    </message>
    <message>
        <source>USB</source>
        <translation>USB</translation>
    </message>
    <message>
        <source>设备文件（并口/USB 设备路径）</source>
        <translation>Device file (parallel port/USB device path)</translation>
    </message>
    <message>
        <source>例如 192.168.1.50</source>
        <translation>e.g. 192.168.1.50</translation>
    </message>
    <message>
        <source>端口</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>厂商ID:产品ID，例如 0416:5011</source>
        <translation>vendor ID:product ID, e.g. 0416:5011</translation>
    </message>
    <message>
        <source>例如 /dev/usb/lp0</source>
        <translation>e.g. /dev/usb/lp0</translation>
    </message>
    <message>
        <source>{width} mm（每行 {columns} 个字符）</source>
        <translation>{width} mm ({columns} characters a line)</translation>
    </message>
    <message>
        <source>连接方式</source>
        <translation>Connection</translation>
    </message>
    <message>
        <source>纸宽</source>
        <translation>Paper width</translation>
    </message>
    <message>
        <source>{name}（未找到）</source>
        <translation>{name} (not found)</translation>
    </message>
    <message>
        <source>IP地址</source>
        <translation>IP address</translation>
    </message>
    <message>
        <source>打印机自检页上的IP地址，端口一般为 9100</source>
        <translation>The IP address on the printer&apos;s self-test page; the port is usually 9100</translation>
    </message>
    <message>
        <source>USB ID</source>
        <translation>USB ID</translation>
    </message>
    <message>
        <source>打印机的厂商ID和产品ID（Linux 下 lsusb 可查），需有访问USB设备的权限</source>
        <translation>The printer&apos;s vendor ID and product ID (lsusb shows them on Linux); needs permission to use USB devices</translation>
    </message>
    <message>
        <source>设备路径</source>
        <translation>Device path</translation>
    </message>
    <message>
        <source>Linux：/dev/usb/lp0 或 /dev/lp0；也可以是一个文件（调试用）</source>
        <translation>Linux: /dev/usb/lp0 or /dev/lp0; a file also works (for debugging)</translation>
    </message>
    <message>
        <source>USB ID 应为两个十六进制数，例如 0416:5011</source>
        <translation>The USB ID should be two hex numbers, e.g. 0416:5011</translation>
    </message>
    <message>
        <source>系统中没有可用的打印机</source>
        <translation>No printer available on this PC</translation>
    </message>
    <message>
        <source>已发送到“{name}”，请查看打印出的测试票</source>
        <translation>Sent to &quot;{name}&quot;: check the printed test ticket</translation>
    </message>
    <message>
        <source>正在测试打印（{target}）…</source>
        <translation>Printing a test ({target})...</translation>
    </message>
    <message>
        <source>测试打印成功：打印机已收到测试票</source>
        <translation>Test print succeeded: the printer received the test ticket</translation>
    </message>
    <message>
        <source>测试打印失败：{reason}</source>
        <translation>Test print failed: {reason}</translation>
    </message>
</context>
<context>
    <name>ProblemModel</name>
    <message>
        <source>行号</source>
        <translation>Line</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>错误</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>请核对</source>
        <translation>Check</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <source>号码</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <source>业务</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>窗口</source>
        <translation>Window</translation>
    </message>
    <message>
        <source>取号时间</source>
        <translation>Taken at</translation>
    </message>
    <message>
        <source>已等候</source>
        <translation>Waited</translation>
    </message>
    <message>
        <source>绿色通道</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>户号</source>
        <translation>Account no.</translation>
    </message>
    <message>
        <source>绿色通道：{reason}</source>
        <translation>Priority lane: {reason}</translation>
    </message>
    <message>
        <source>{number}号</source>
        <translation>{number}</translation>
    </message>
    <message numerus="yes">
        <source>%n 分钟</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
</context>
<context>
    <name>RatingPadWindow</name>
    <message>
        <source>{window}号窗口 · 服务评价</source>
        <translation>Window {window} · Rate our service</translation>
    </message>
    <message>
        <source>{window}号窗口</source>
        <translation>Window {window}</translation>
    </message>
    <message>
        <source>{window}号窗口 · 欢迎光临</source>
        <translation>Window {window} · Welcome</translation>
    </message>
    <message>
        <source>办理结束后，请在这里为我们的服务评价</source>
        <translation>When we have finished, please rate our service here</translation>
    </message>
    <message>
        <source>请点击下面的按钮</source>
        <translation>Tap one of the buttons below</translation>
    </message>
    <message>
        <source>非常满意</source>
        <translation>Very good</translation>
    </message>
    <message>
        <source>满意</source>
        <translation>Good</translation>
    </message>
    <message>
        <source>基本满意</source>
        <translation>Fair</translation>
    </message>
    <message>
        <source>不满意</source>
        <translation>Poor</translation>
    </message>
    <message>
        <source>非常不满意</source>
        <translation>Very poor</translation>
    </message>
    <message>
        <source>请选择一项原因，我们会认真改进</source>
        <translation>Please choose a reason: we will work to do better</translation>
    </message>
    <message>
        <source>等候时间长</source>
        <translation>Long wait</translation>
    </message>
    <message>
        <source>办理效率低</source>
        <translation>Slow service</translation>
    </message>
    <message>
        <source>服务态度差</source>
        <translation>Unhelpful manner</translation>
    </message>
    <message>
        <source>业务不熟练</source>
        <translation>Lacked know-how</translation>
    </message>
    <message>
        <source>环境设施差</source>
        <translation>Poor facilities</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>其他原因，请在这里填写</source>
        <translation>Another reason? Please write it here</translation>
    </message>
    <message>
        <source>返回重新选择</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>提交评价</source>
        <translation>Submit</translation>
    </message>
    <message>
        <source>感谢您的评价！</source>
        <translation>Thank you for your feedback!</translation>
    </message>
    <message>
        <source>{name}（工号 {code}）为您服务</source>
        <translation>You are being served by {name} (staff no. {code})</translation>
    </message>
    <message>
        <source>请您对本次服务（{number}）进行评价</source>
        <translation>How was our service today ({number})?</translation>
    </message>
    <message>
        <source>您选择了“{level}”，请告诉我们哪里做得不好</source>
        <translation>You chose &quot;{level}&quot;. Please tell us what went wrong</translation>
    </message>
    <message>
        <source>抱歉，评价未能提交：{reason}
感谢您的耐心</source>
        <translation>Sorry, your rating could not be sent: {reason}
Thank you for your patience</translation>
    </message>
    <message>
        <source>抱歉，评价暂时无法提交，感谢您的耐心</source>
        <translation>Sorry, your rating cannot be sent just now. Thank you for your patience</translation>
    </message>
    <message numerus="yes">
        <source>%n 秒后自动关闭</source>
        <translation>
            <numerusform>Closes in %n second</numerusform>
            <numerusform>Closes in %n seconds</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReadAloudButton</name>
    <message>
        <source>朗读</source>
        <translation>Read aloud</translation>
    </message>
    <message>
        <source>朗读（本机无语音）</source>
        <translation>Read aloud (no voice on this PC)</translation>
    </message>
    <message>
        <source>这台电脑没有可用的中文语音，请口头唱收唱付</source>
        <translation>This PC has no Chinese voice: read the amounts back to the customer yourself</translation>
    </message>
</context>
<context>
    <name>ReasonChoice</name>
    <message>
        <source>其他：</source>
        <translation>Other:</translation>
    </message>
    <message>
        <source>请填写原因</source>
        <translation>Enter a reason</translation>
    </message>
</context>
<context>
    <name>ReceiptsDialog</name>
    <message>
        <source>今日收据</source>
        <translation>Today&apos;s receipts</translation>
    </message>
    <message>
        <source>显示全厅各窗口的收据</source>
        <translation>Show the receipts of every window</translation>
    </message>
    <message>
        <source>今日收据 · 重打与冲正</source>
        <translation>Today&apos;s receipts · Reprint and reversal</translation>
    </message>
    <message>
        <source>重打收据</source>
        <translation>Reprint receipt</translation>
    </message>
    <message>
        <source>冲正…</source>
        <translation>Reverse...</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>值班长工号</source>
        <translation>Shift lead&apos;s staff no.</translation>
    </message>
    <message>
        <source>值班长密码</source>
        <translation>Shift lead&apos;s password</translation>
    </message>
    <message>
        <source>如：户号输错、重复收费</source>
        <translation>e.g. wrong account no., charged twice</translation>
    </message>
    <message>
        <source>确认冲正</source>
        <translation>Confirm reversal</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>冲正原因</source>
        <translation>Reason for reversal</translation>
    </message>
    <message>
        <source>值班长授权</source>
        <translation>Shift lead&apos;s approval</translation>
    </message>
    <message>
        <source>打印收据</source>
        <translation>Print receipt</translation>
    </message>
    <message>
        <source>重打收据 {number}</source>
        <translation>Receipt {number} reprinted</translation>
    </message>
    <message>
        <source>冲正收据 {number}：{name}（{account}），{method} {amount}</source>
        <translation>Reverse receipt {number}: {name} ({account}), {method} {amount}</translation>
    </message>
    <message>
        <source>冲正收据 {number}：退还 {amount}</source>
        <translation>Reversal receipt {number}: {amount} refunded</translation>
    </message>
    <message>
        <source>收据PDF未能保存，请再次重打</source>
        <translation>The receipt PDF could not be saved: please reprint once more</translation>
    </message>
    <message>
        <source>收据已保存：{path}</source>
        <translation>Receipt saved: {path}</translation>
    </message>
    <message>
        <source>收据已送打印机</source>
        <translation>Receipt sent to the printer</translation>
    </message>
    <message>
        <source>操作失败，请重试或联系值班长：{error}</source>
        <translation>That did not work. Try again or ask the shift lead: {error}</translation>
    </message>
</context>
<context>
    <name>ReceiptsModel</name>
    <message>
        <source>收据号</source>
        <translation>Receipt no.</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>户号</source>
        <translation>Account no.</translation>
    </message>
    <message>
        <source>户名</source>
        <translation>Account name</translation>
    </message>
    <message>
        <source>方式</source>
        <translation>Method</translation>
    </message>
    <message>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>收费员</source>
        <translation>Cashier</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>现金</source>
        <translation>Cash</translation>
    </message>
    <message>
        <source>刷卡</source>
        <translation>Card</translation>
    </message>
    <message>
        <source>扫码</source>
        <translation>QR code</translation>
    </message>
    <message>
        <source>冲正（原 {number}）</source>
        <translation>Reversal (of {number})</translation>
    </message>
    <message>
        <source>已冲正（{number}）</source>
        <translation>Reversed ({number})</translation>
    </message>
    <message>
        <source>缴费</source>
        <translation>Payment</translation>
    </message>
</context>
<context>
    <name>RecentTicketsModel</name>
    <message>
        <source>号码</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <source>业务</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>前方</source>
        <translation>Ahead</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>打印</source>
        <translation>Slip</translation>
    </message>
    <message numerus="yes">
        <source>%n 人</source>
        <translation>
            <numerusform>%n</numerusform>
            <numerusform>%n</numerusform>
        </translation>
    </message>
    <message>
        <source>已打印</source>
        <translation>Printed</translation>
    </message>
    <message>
        <source>未打印</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>补打</source>
        <translation>Print</translation>
    </message>
</context>
<context>
    <name>ReportOutput</name>
    <message>
        <source>已导出：{path}</source>
        <translation>Exported: {path}</translation>
    </message>
    <message>
        <source>已送打印机：{printer}</source>
        <translation>Sent to printer: {printer}</translation>
    </message>
    <message>
        <source>导出 PDF</source>
        <translation>Export PDF</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>导出 Excel</source>
        <translation>Export Excel</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>未能写出文件：{error}</source>
        <translation>Could not write the file: {error}</translation>
    </message>
</context>
<context>
    <name>SettlementDialog</name>
    <message>
        <source>日清日结</source>
        <translation>End-of-day settlement</translation>
    </message>
    <message>
        <source>日清日结 · 收费核对</source>
        <translation>End-of-day settlement · Check the takings</translation>
    </message>
    <message>
        <source>清点钱箱后输入，如 386.40</source>
        <translation>Count the cash drawer, then type the total, e.g. 386.40</translation>
    </message>
    <message>
        <source>有长款或短款时，请写明原因</source>
        <translation>If the cash is over or short, say why</translation>
    </message>
    <message>
        <source>应有现金</source>
        <translation>Cash expected</translation>
    </message>
    <message>
        <source>实点现金</source>
        <translation>Cash counted</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>打印日结单</source>
        <translation>Print settlement sheet</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>确认结算</source>
        <translation>Confirm settlement</translation>
    </message>
    <message>
        <source>{name}（工号 {code}） {day}</source>
        <translation>{name} (staff no. {code})  {day}</translation>
    </message>
    <message>
        <source>今日收据 {count} 张（缴费 {paid}，冲正 {reversed}），起号 {first}，止号 {last}</source>
        <translation>Receipts today: {count} (payments {paid}, reversals {reversed}), nos. {first} to {last}</translation>
    </message>
    <message>
        <source>今日尚未开出收据</source>
        <translation>No receipts issued today yet</translation>
    </message>
    <message>
        <source>冲正 {number}（原收据 {original}，{method}退还 {amount}）</source>
        <translation>Reversal {number} (of receipt {original}; {method} refund {amount})</translation>
    </message>
    <message>
        <source>今日已结算 {times} 次，最近一次 {at}：实点 {counted}，{result}</source>
        <translation>Settlements today: {times}; latest at {at}: counted {counted} — {result}</translation>
    </message>
    <message>
        <source>此后又开出了收据，请重新清点结算</source>
        <translation>Receipts have been issued since: count the cash and settle again</translation>
    </message>
    <message>
        <source>日结单已保存：{path}</source>
        <translation>Settlement sheet saved: {path}</translation>
    </message>
    <message>
        <source>长款 {amount}</source>
        <translation>Cash over {amount}</translation>
    </message>
    <message>
        <source>短款 {amount}</source>
        <translation>Cash short {amount}</translation>
    </message>
    <message>
        <source>相符</source>
        <translation>Balanced</translation>
    </message>
    <message>
        <source>结算已记录，但日结单PDF未能保存</source>
        <translation>Settlement recorded, but the settlement sheet PDF could not be saved</translation>
    </message>
    <message>
        <source>日结单已送打印机</source>
        <translation>Settlement sheet sent to the printer</translation>
    </message>
    <message>
        <source>未打印，日结单PDF已保存：{path}</source>
        <translation>Not printed; the settlement sheet PDF is saved: {path}</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>签到 · 选择工作站</source>
        <translation>Sign in · Choose a workstation</translation>
    </message>
    <message>
        <source>请选择本机的工作站，并输入工号和密码：</source>
        <translation>Choose this PC&apos;s workstation, then enter your staff no. and password:</translation>
    </message>
    <message>
        <source>取号台</source>
        <translation>Ticket desk</translation>
    </message>
    <message>
        <source>窗口柜台</source>
        <translation>Counter</translation>
    </message>
    <message>
        <source>大厅显示屏</source>
        <translation>Hall display</translation>
    </message>
    <message>
        <source>评价器</source>
        <translation>Rating pad</translation>
    </message>
    <message>
        <source>值班长控制台</source>
        <translation>Shift lead</translation>
    </message>
    <message>
        <source>工号</source>
        <translation>Staff no.</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>窗口号</source>
        <translation>Window no.</translation>
    </message>
    <message>
        <source>签到</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>演示账号（密码均为 {password}），双击填入：</source>
        <translation>Demo accounts (password {password} for all); double-click one to fill in:</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>岗位</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>窗口</source>
        <translation>Window</translation>
    </message>
    <message>
        <source>请输入工号和密码</source>
        <translation>Enter your staff no. and password</translation>
    </message>
    <message>
        <source>您的岗位不能打开这个工作站，请重新选择</source>
        <translation>Your role cannot open this workstation: please choose another</translation>
    </message>
    <message>
        <source>签到失败：{error}</source>
        <translation>Sign-in failed: {error}</translation>
    </message>
</context>
<context>
    <name>Slip</name>
    <message>
        <source>前方等待 {count} 人</source>
        <translation>People ahead of you: {count}</translation>
    </message>
    <message>
        <source>绿色通道</source>
        <translation>Priority lane</translation>
    </message>
    <message>
        <source>请留意叫号，过号请到引导台</source>
        <translation>Please watch for your number. If you miss it, see the lobby guide</translation>
    </message>
    <message>
        <source>取号票 {number}</source>
        <translation>Ticket {number}</translation>
    </message>
</context>
<context>
    <name>SlipPrinter</name>
    <message>
        <source>未找到打印机“{chosen}”，已改用系统默认打印机</source>
        <translation>Printer &quot;{chosen}&quot; not found: using the system&apos;s default printer</translation>
    </message>
    <message>
        <source>未找到打印机“{chosen}”，系统也没有默认打印机</source>
        <translation>Printer &quot;{chosen}&quot; not found, and there is no default printer</translation>
    </message>
    <message>
        <source>没有可用的打印机，请连接票据打印机后点“选择打印机…”</source>
        <translation>No printer available: connect the ticket printer, then click &quot;Choose printer...&quot;</translation>
    </message>
    <message>
        <source>打印机：无</source>
        <translation>Printer: none</translation>
    </message>
    <message>
        <source>打印机：{name}（系统默认）</source>
        <translation>Printer: {name} (system default)</translation>
    </message>
    <message>
        <source>打印机：{name}</source>
        <translation>Printer: {name}</translation>
    </message>
    <message>
        <source>选择取号票打印机</source>
        <translation>Choose the ticket printer</translation>
    </message>
    <message>
        <source>打印出错：{error}</source>
        <translation>Printing error: {error}</translation>
    </message>
    <message>
        <source>无法打开打印机“{name}”</source>
        <translation>Cannot open printer &quot;{name}&quot;</translation>
    </message>
    <message>
        <source>打印机“{name}”故障（可能缺纸或未连接）</source>
        <translation>Printer &quot;{name}&quot; failed (out of paper or not connected?)</translation>
    </message>
    <message>
        <source>取号票 {number}</source>
        <translation>Ticket {number}</translation>
    </message>
    <message>
        <source>打印机“{name}”拒绝了打印任务</source>
        <translation>Printer &quot;{name}&quot; refused the print job</translation>
    </message>
</context>
<context>
    <name>StaffDialog</name>
    <message>
        <source>员工管理</source>
        <translation>Staff</translation>
    </message>
    <message>
        <source>例如 2005</source>
        <translation>e.g. 2005</translation>
    </message>
    <message>
        <source>工号</source>
        <translation>Staff no.</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>岗位</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>初始密码</source>
        <translation>Initial password</translation>
    </message>
    <message>
        <source>再次输入密码</source>
        <translation>Repeat password</translation>
    </message>
    <message>
        <source>添加员工</source>
        <translation>Add staff member</translation>
    </message>
    <message>
        <source>停用/启用</source>
        <translation>Disable/Enable</translation>
    </message>
    <message>
        <source>重置密码…</source>
        <translation>Reset password...</translation>
    </message>
    <message>
        <source>解除锁定</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>请先在列表中选择一位员工</source>
        <translation>Select a staff member in the list first</translation>
    </message>
    <message>
        <source>两次输入的密码不一致</source>
        <translation>The passwords do not match</translation>
    </message>
    <message>
        <source>已添加 {name}（{code}）</source>
        <translation>Added {name} ({code})</translation>
    </message>
    <message>
        <source>已启用 {code}</source>
        <translation>{code} enabled</translation>
    </message>
    <message>
        <source>已停用 {code}</source>
        <translation>{code} disabled</translation>
    </message>
    <message>
        <source>重置密码</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <source>{name}（{code}）的新密码：</source>
        <translation>New password for {name} ({code}):</translation>
    </message>
    <message>
        <source>已重置 {code} 的密码</source>
        <translation>Password of {code} reset</translation>
    </message>
    <message>
        <source>已解除 {code} 的锁定</source>
        <translation>{code} unlocked</translation>
    </message>
</context>
<context>
    <name>StaffModel</name>
    <message>
        <source>工号</source>
        <translation>Staff no.</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>岗位</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>已停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <source>已锁定</source>
        <translation>Locked</translation>
    </message>
    <message>
        <source>正常</source>
        <translation>Active</translation>
    </message>
</context>
<context>
    <name>ThermalPrinter</name>
    <message>
        <source>请填写打印机的IP地址</source>
        <translation>Enter the printer&apos;s IP address</translation>
    </message>
    <message>
        <source>端口应在 1 到 65535 之间</source>
        <translation>The port must be between 1 and 65535</translation>
    </message>
    <message>
        <source>请填写USB打印机的厂商ID和产品ID，例如 0416:5011</source>
        <translation>Enter the USB printer&apos;s vendor ID and product ID, e.g. 0416:5011</translation>
    </message>
    <message>
        <source>请填写打印机设备路径，例如 /dev/usb/lp0</source>
        <translation>Enter the printer&apos;s device path, e.g. /dev/usb/lp0</translation>
    </message>
    <message>
        <source>打印机未连接（{target}）</source>
        <translation>Printer not connected ({target})</translation>
    </message>
    <message>
        <source>打印机缺纸，请装好纸后点“重新打印”</source>
        <translation>Printer paper out: load paper, then click &quot;Print again&quot;</translation>
    </message>
    <message>
        <source>打印机没有收完这张票（{detail}），请检查打印机后重新打印</source>
        <translation>The printer did not receive the whole ticket ({detail}): check the printer and print again</translation>
    </message>
    <message>
        <source>打印机纸仓盖没有盖好，请盖好后点“重新打印”</source>
        <translation>Printer cover open: close it, then click &quot;Print again&quot;</translation>
    </message>
    <message>
        <source>打印机故障（卡纸、切刀或过热），请检查打印机</source>
        <translation>Printer fault (paper jam, cutter or overheating): check the printer</translation>
    </message>
    <message>
        <source>打印机处于脱机状态，请检查打印机</source>
        <translation>Printer offline: check the printer</translation>
    </message>
    <message>
        <source>纸将用完</source>
        <translation>Paper running low</translation>
    </message>
    <message>
        <source>打印机无响应</source>
        <translation>Printer not responding</translation>
    </message>
    <message>
        <source>缺少USB支持（pyusb），无法使用USB打印机</source>
        <translation>USB support (pyusb) is missing: USB printers cannot be used</translation>
    </message>
    <message>
        <source>没有访问USB打印机的权限（{target}），请联系管理员</source>
        <translation>No permission to use the USB printer ({target}): contact the administrator</translation>
    </message>
    <message>
        <source>系统缺少 libusb，无法使用USB打印机（可改用设备路径）</source>
        <translation>libusb is missing on this PC: USB printers cannot be used (use a device path instead)</translation>
    </message>
    <message>
        <source>打印机故障或脱机（可能开盖、卡纸），请检查打印机</source>
        <translation>Printer fault or offline (cover open or paper jam?): check the printer</translation>
    </message>
    <message>
        <source>打印机无响应，请检查打印机后重新打印</source>
        <translation>Printer not responding: check the printer and print again</translation>
    </message>
    <message>
        <source>打印机正忙，请稍后重新打印</source>
        <translation>Printer busy: print again in a moment</translation>
    </message>
    <message>
        <source>打印出错：{error}</source>
        <translation>Printing error: {error}</translation>
    </message>
</context>
<context>
    <name>ThermalSlipPrinter</name>
    <message>
        <source>打印机：热敏打印机未设置</source>
        <translation>Printer: thermal printer not set up</translation>
    </message>
    <message>
        <source>打印机：{target}（热敏 {paper} mm）</source>
        <translation>Printer: {target} (thermal, {paper} mm)</translation>
    </message>
</context>
<context>
    <name>TicketDeskWindow</name>
    <message>
        <source>老年人</source>
        <translation>Elderly</translation>
    </message>
    <message>
        <source>残障人士</source>
        <translation>Disability</translation>
    </message>
    <message>
        <source>孕妇</source>
        <translation>Pregnancy</translation>
    </message>
    <message>
        <source>重要客户</source>
        <translation>Key customer</translation>
    </message>
    <message>
        <source>紧急投诉</source>
        <translation>Urgent complaint</translation>
    </message>
    <message>
        <source>其他…</source>
        <translation>Other...</translation>
    </message>
    <message>
        <source>今日营业已结束</source>
        <translation>Closed for today</translation>
    </message>
    <message>
        <source>暂停办理</source>
        <translation>Suspended</translation>
    </message>
    <message>
        <source>今日不办理</source>
        <translation>Not available today</translation>
    </message>
    <message>
        <source>{time} 开始取号</source>
        <translation>Tickets from {time}</translation>
    </message>
    <message>
        <source>今日取号已结束（{time} 截止）</source>
        <translation>Closed for today (tickets until {time})</translation>
    </message>
    <message>
        <source>今日号源已满</source>
        <translation>Fully booked today</translation>
    </message>
    <message>
        <source>无需等候</source>
        <translation>No wait</translation>
    </message>
    <message>
        <source>预计等候约 {minutes} 分钟</source>
        <translation>About {minutes} min wait</translation>
    </message>
    <message>
        <source>取号台</source>
        <translation>Ticket desk</translation>
    </message>
    <message>
        <source>正在读取业务…</source>
        <translation>Loading services...</translation>
    </message>
    <message>
        <source>选择打印机…</source>
        <translation>Choose printer...</translation>
    </message>
    <message>
        <source>打印机设置…</source>
        <translation>Printer settings...</translation>
    </message>
    <message>
        <source>系统打印机或热敏小票打印机（网络、USB），纸宽，测试打印</source>
        <translation>System printer or thermal slip printer (network, USB), paper width, test print</translation>
    </message>
    <message>
        <source>引导员 {name}</source>
        <translation>Lobby guide {name}</translation>
    </message>
    <message>
        <source>值班长 {name}</source>
        <translation>Shift lead {name}</translation>
    </message>
    <message>
        <source>工号 {code} {name}</source>
        <translation>Staff no. {code} {name}</translation>
    </message>
    <message>
        <source>户号</source>
        <translation>Account no.</translation>
    </message>
    <message>
        <source>可选，直接按数字键</source>
        <translation>Optional: type digits</translation>
    </message>
    <message>
        <source>清空</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>清空户号和绿色通道（Esc）</source>
        <translation>Clear the account no. and priority lane (Esc)</translation>
    </message>
    <message>
        <source>绿色通道（可选）</source>
        <translation>Priority lane (optional)</translation>
    </message>
    <message>
        <source>请填写绿色通道原因</source>
        <translation>Enter the reason for the priority lane</translation>
    </message>
    <message>
        <source>最近取号</source>
        <translation>Recent tickets</translation>
    </message>
    <message>
        <source>本班次还没有取号</source>
        <translation>No tickets issued this shift yet</translation>
    </message>
    <message>
        <source>读取队列失败，正在重试：{error}</source>
        <translation>Cannot read the queue, retrying: {error}</translation>
    </message>
    <message>
        <source>{hall} · 取号台</source>
        <translation>{hall} · Ticket desk</translation>
    </message>
    <message>
        <source>还没有可取号的业务，请值班长先设置业务</source>
        <translation>No services to issue tickets for yet: the shift lead must set them up first</translation>
    </message>
    <message>
        <source>缴费高峰：简单缴费可引导至自助缴费机或网上国网App</source>
        <translation>Payment peak: send simple payments to the self-service kiosks or the State Grid app</translation>
    </message>
    <message>
        <source>{names}业务排队较多</source>
        <translation>Long queues: {names}</translation>
    </message>
    <message>
        <source>请填写绿色通道原因，或取消“其他”</source>
        <translation>Enter the reason for the priority lane, or deselect &quot;Other...&quot;</translation>
    </message>
    <message>
        <source>正在取号…</source>
        <translation>Issuing a ticket...</translation>
    </message>
    <message>
        <source>正在打印…</source>
        <translation>Printing...</translation>
    </message>
    <message>
        <source>取号失败：暂时无法连接营业厅数据库，请稍后重试</source>
        <translation>No ticket issued: the hall database cannot be reached. Please try again shortly</translation>
    </message>
    <message numerus="yes">
        <source>前方等待 %n 人</source>
        <translation>
            <numerusform>%n person ahead</numerusform>
            <numerusform>%n people ahead</numerusform>
        </translation>
    </message>
    <message>
        <source>绿色通道</source>
        <translation>Priority lane</translation>
    </message>
    <message>
        <source>请取票（补打）</source>
        <translation>Please take your ticket (reprint)</translation>
    </message>
    <message>
        <source>请取票</source>
        <translation>Please take your ticket</translation>
    </message>
    <message>
        <source>{number} 已打印（{printer}）</source>
        <translation>{number} printed ({printer})</translation>
    </message>
    <message>
        <source>已取号，但票没有打印出来</source>
        <translation>Ticket issued, but it did not print</translation>
    </message>
    <message>
        <source>{ahead}
请点“重新打印”，或把号码告诉客户</source>
        <translation>{ahead}
Print again, or read out the number</translation>
    </message>
    <message>
        <source>{number} 未打印：{reason}</source>
        <translation>{number} not printed: {reason}</translation>
    </message>
    <message>
        <source>请点选客户要办理的业务</source>
        <translation>Choose the customer&apos;s service</translation>
    </message>
    <message>
        <source>取号后在这里显示号码</source>
        <translation>The ticket number will show here</translation>
    </message>
    <message>
        <source>补打</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>再打印一张 {number} 号票</source>
        <translation>Print ticket {number} again</translation>
    </message>
</context>
<context>
    <name>TicketHistoryModel</name>
    <message>
        <source>取号时间</source>
        <translation>Taken at</translation>
    </message>
    <message>
        <source>票号</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <source>业务</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>受理员</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <source>重复来访</source>
        <translation>Repeat visit</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>是（{number}）</source>
        <translation>Yes ({number})</translation>
    </message>
</context>
<context>
    <name>TicketPanel</name>
    <message>
        <source>办理用时</source>
        <translation>Service time</translation>
    </message>
    <message>
        <source>办理中</source>
        <translation>Serving</translation>
    </message>
    <message>
        <source>已呼叫，等候客户到窗口</source>
        <translation>Called, waiting for the customer</translation>
    </message>
    <message numerus="yes">
        <source> · 已重呼 %n 次</source>
        <translation>
            <numerusform> · recalled %n time</numerusform>
            <numerusform> · recalled %n times</numerusform>
        </translation>
    </message>
    <message>
        <source>绿色通道：{reason}</source>
        <translation>Priority lane: {reason}</translation>
    </message>
    <message>
        <source>绿色通道</source>
        <translation>Priority lane</translation>
    </message>
    <message numerus="yes">
        <source>办理时限 %n 分钟</source>
        <translation>
            <numerusform>Target %n min</numerusform>
            <numerusform>Target %n min</numerusform>
        </translation>
    </message>
    <message>
        <source>户号 {account}</source>
        <translation>Account no. {account}</translation>
    </message>
    <message>
        <source>户号 未登记</source>
        <translation>Account no. not given</translation>
    </message>
    <message numerus="yes">
        <source>已等候 %n 分钟</source>
        <translation>
            <numerusform>Waited %n min</numerusform>
            <numerusform>Waited %n min</numerusform>
        </translation>
    </message>
    <message>
        <source>呼叫后</source>
        <translation>Since the call</translation>
    </message>
    <message>
        <source>重复来访：{day} {number}</source>
        <translation>Repeat visit: {day} {number}</translation>
    </message>
    <message numerus="yes">
        <source>已超时 %n 分钟</source>
        <translation>
            <numerusform>%n min over time</numerusform>
            <numerusform>%n min over time</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>即将超时（还剩 %n 分钟）</source>
        <translation>
            <numerusform>%n min left</numerusform>
            <numerusform>%n min left</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TicketStatus</name>
    <message>
        <source>等候</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>已呼叫</source>
        <translation>Called</translation>
    </message>
    <message>
        <source>办理中</source>
        <translation>Serving</translation>
    </message>
    <message>
        <source>挂起</source>
        <translation>Parked</translation>
    </message>
    <message>
        <source>过号</source>
        <translation>No-show</translation>
    </message>
    <message>
        <source>已办结</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>日终关闭</source>
        <translation>Closed at day end</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <source>转移</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <source>把 {number} 转到哪项业务？</source>
        <translation>Transfer {number} to which service?</translation>
    </message>
    <message>
        <source>保留原号码和取号时间，在新业务的队列中等候。</source>
        <translation>It keeps its number and the time it was taken, and waits in the new service&apos;s queue.</translation>
    </message>
    <message>
        <source>{code}  {name}</source>
        <translation>{code}  {name}</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>WaitingCountsModel</name>
    <message>
        <source>号段</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>业务</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>等候</source>
        <translation>Waiting</translation>
    </message>
    <message numerus="yes">
        <source>%n 人</source>
        <translation>
            <numerusform>%n</numerusform>
            <numerusform>%n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WindowCard</name>
    <message>
        <source>{status} · {business}</source>
        <translation>{status} · {business}</translation>
    </message>
    <message>
        <source>暂停服务</source>
        <translation>Paused</translation>
    </message>
    <message>
        <source>空闲</source>
        <translation>Free</translation>
    </message>
    <message>
        <source>工号 {code}</source>
        <translation>Staff no. {code}</translation>
    </message>
    <message>
        <source>未开放</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>无人签到</source>
        <translation>No one signed in</translation>
    </message>
</context>
<context>
    <name>WindowQueueModel</name>
    <message>
        <source>号码</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <source>业务</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>已等候</source>
        <translation>Waited</translation>
    </message>
    <message>
        <source>绿色通道</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>{status}（{window}号）</source>
        <translation>{status} (window {window})</translation>
    </message>
    <message numerus="yes">
        <source>%n 分钟</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>挂起的号：选中后点“回呼”，它会排到队首</source>
        <translation>Parked: select it and click &quot;Call back&quot; to put it at the front</translation>
    </message>
    <message>
        <source>过号的号：客户回来后选中点“恢复”，它会排到队首</source>
        <translation>No-show: when the customer comes back, select it and click &quot;Restore no-show&quot; to put it at the front</translation>
    </message>
    <message>
        <source>绿色通道：{reason}</source>
        <translation>Priority lane: {reason}</translation>
    </message>
</context>
<context>
    <name>WindowStateCard</name>
    <message>
        <source>已呼叫 · {business}</source>
        <translation>Called · {business}</translation>
    </message>
    <message>
        <source>{detail} · 办完暂停：{reason}</source>
        <translation>{detail} · Pausing after this one: {reason}</translation>
    </message>
    <message>
        <source>暂停</source>
        <translation>Paused</translation>
    </message>
    <message>
        <source>{reason} · {time} 起</source>
        <translation>{reason} · since {time}</translation>
    </message>
    <message>
        <source>空闲</source>
        <translation>Free</translation>
    </message>
    <message>
        <source>等待呼叫下一位</source>
        <translation>Ready to call the next customer</translation>
    </message>
    <message>
        <source>未开放</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>无人签到</source>
        <translation>No one signed in</translation>
    </message>
    <message>
        <source>时限 {minutes} 分钟</source>
        <translation>Target {minutes} min</translation>
    </message>
</context>
<context>
    <name>WindowTile</name>
    <message>
        <source>暂停服务</source>
        <translation>Paused</translation>
    </message>
</context>
<context>
    <name>WorkerCalls</name>
    <message>
        <source>操作失败，请重试或联系值班长：{error}</source>
        <translation>That did not work. Try again or ask the shift lead: {error}</translation>
    </message>
</context>
<context>
    <name>WorkstationWindow</name>
    <message>
        <source>数据库连接中断，正在重新连接…</source>
        <translation>Connection to the database lost, reconnecting…</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>无法打开数据库</source>
        <translation>Cannot open the database</translation>
    </message>
    <message>
        <source>无法打开营业厅数据库：
{error}</source>
        <translation>Cannot open the service hall database:
{error}</translation>
    </message>
</context>
<context>
    <name>texts</name>
    <message>
        <source>引导员</source>
        <translation>Lobby guide</translation>
    </message>
    <message>
        <source>业务受理员</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <source>值班长</source>
        <translation>Shift lead</translation>
    </message>
</context>
</TS>
