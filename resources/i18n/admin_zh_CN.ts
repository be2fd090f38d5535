<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Angles</name>
    <message>
        <location filename="../../kiosk/ui/admin/enroll_steps.py" line="52"/>
        <source>Front</source>
        <translation>正面</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll_steps.py" line="53"/>
        <source>Left</source>
        <translation>向左</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll_steps.py" line="54"/>
        <source>Right</source>
        <translation>向右</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll_steps.py" line="55"/>
        <source>Up</source>
        <translation>抬头</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll_steps.py" line="56"/>
        <source>Down</source>
        <translation>低头</translation>
    </message>
</context>
<context>
    <name>AuditLog</name>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="30"/>
        <source>Employee added</source>
        <translation>添加员工</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="31"/>
        <source>Employee changed</source>
        <translation>修改员工信息</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="32"/>
        <source>Employee reactivated</source>
        <translation>重新启用员工</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="33"/>
        <source>Employee deactivated</source>
        <translation>停用员工</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="34"/>
        <source>Face templates saved</source>
        <translation>保存人脸模板</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="35"/>
        <source>Face data deleted</source>
        <translation>删除人脸数据</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="36"/>
        <source>Biometrics erased</source>
        <translation>清除生物特征数据</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="37"/>
        <source>Personal PIN set</source>
        <translation>设置个人密码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="38"/>
        <source>PIN key file replaced</source>
        <translation>更换密码密钥文件</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="39"/>
        <source>Event added by hand</source>
        <translation>手动添加记录</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="40"/>
        <source>Event corrected</source>
        <translation>更正记录</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="41"/>
        <source>Event deleted</source>
        <translation>删除记录</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="42"/>
        <source>Employee sent by a door</source>
        <translation>门禁上传员工</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="43"/>
        <source>Door registered</source>
        <translation>登记门禁</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="44"/>
        <source>Door removed</source>
        <translation>移除门禁</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="45"/>
        <source>Enrollment at a door approved</source>
        <translation>批准门禁登记</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="46"/>
        <source>Enrollment at a door rejected</source>
        <translation>拒绝门禁登记</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="47"/>
        <source>Re-enrollment sent by a door</source>
        <translation>门禁上传重新登记</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="48"/>
        <source>Re-enrollment at a door approved</source>
        <translation>批准门禁重新登记</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="49"/>
        <source>Re-enrollment at a door rejected</source>
        <translation>拒绝门禁重新登记</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="50"/>
        <source>Event time confirmed</source>
        <translation>确认记录时间</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="51"/>
        <source>Setting changed</source>
        <translation>修改设置</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="52"/>
        <source>Admin PIN chosen</source>
        <translation>设置管理员 PIN 码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="53"/>
        <source>Admin PIN changed</source>
        <translation>修改管理员 PIN 码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="54"/>
        <source>Admin PIN reset</source>
        <translation>重置管理员 PIN 码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="55"/>
        <source>Admin signed in</source>
        <translation>管理员登录</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="56"/>
        <source>Admin PIN refused</source>
        <translation>管理员 PIN 码错误</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="57"/>
        <source>Admin mode locked (idle)</source>
        <translation>管理模式已锁定（闲置）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="58"/>
        <source>PIN check-in</source>
        <translation>密码签到</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="59"/>
        <source>PIN check-in refused</source>
        <translation>密码签到被拒绝</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="60"/>
        <source>PIN check-in locked</source>
        <translation>密码签到已锁定</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="61"/>
        <source>Shift added</source>
        <translation>添加班次</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="62"/>
        <source>Shift assigned</source>
        <translation>分配班次</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="63"/>
        <source>Company calendar date set</source>
        <translation>设置公司日期</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="64"/>
        <source>Company calendar date removed</source>
        <translation>移除公司日期</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="65"/>
        <source>Leave recorded</source>
        <translation>登记请假</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="66"/>
        <source>Leave deleted</source>
        <translation>删除请假</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="67"/>
        <source>Staff list imported</source>
        <translation>导入员工名单</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="68"/>
        <source>Punches imported</source>
        <translation>导入打卡记录</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="129"/>
        <source>locked after repeated wrong PINs</source>
        <translation>多次输错 PIN 码后锁定</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="131"/>
        <source>admin mode left idle</source>
        <translation>管理模式闲置</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="132"/>
        <source>on the settings page</source>
        <translation>在设置页面</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="135"/>
        <source>{code}: personal PIN set</source>
        <translation>{code}：已设置个人密码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="139"/>
        <source>{code}: {count} templates deleted</source>
        <translation>{code}：已删除 {count} 个模板</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="143"/>
        <source>{code}: {old} -&gt; {new} templates ({angles})</source>
        <translation>{code}：模板 {old} → {new} 个（{angles}）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="178"/>
        <source>{what}; reason: {reason}</source>
        <translation>{what}；原因：{reason}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="88"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="88"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="95"/>
        <source>name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="96"/>
        <source>department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="97"/>
        <source>active</source>
        <translation>在职</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="98"/>
        <source>consent</source>
        <translation>同意时间</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="118"/>
        <source>{field}: {old} → {new}</source>
        <translation>{field}：{old} → {new}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="122"/>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="151"/>
        <source>{code} {name}, department {department}, consent given {consent}</source>
        <translation>{code} {name}，部门 {department}，同意时间 {consent}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="155"/>
        <source>{code} {name}, department {department}</source>
        <translation>{code} {name}，部门 {department}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="172"/>
        <source>setting {setting}: {old} → {new}</source>
        <translation>设置 {setting}：{old} → {new}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="162"/>
        <source>{code}: re-enrolled; {changes}</source>
        <translation>{code}：重新录入；{changes}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="168"/>
        <source>{code}: {changes}</source>
        <translation>{code}：{changes}</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="394"/>
        <location filename="../../kiosk/ui/admin/corrections.py" line="395"/>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="396"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="397"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="397"/>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="397"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="397"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>CalendarPage</name>
    <message>
        <location filename="../../kiosk/ui/admin/calendar_page.py" line="78"/>
        <source>Make-up day</source>
        <translation>调休上班</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/calendar_page.py" line="84"/>
        <source>Day off</source>
        <translation>休息</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/calendar_page.py" line="85"/>
        <source>Workday</source>
        <translation>上班</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/calendar_page.py" line="300"/>
        <source>{month_name} {year}</source>
        <translation>{year}年{month}月</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/calendar_page.py" line="310"/>
        <source>Statutory holidays for {years} are not known to this version; only the company&apos;s own dates apply.</source>
        <translation>本版本不知道 {years} 年的法定节假日；只按公司自己设定的日期计算。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/calendar_page.py" line="329"/>
        <source>No day selected</source>
        <translation>未选择日期</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/calendar_page.py" line="330"/>
        <source>Tap a day to make it a day off or a workday for everyone.</source>
        <translation>点一下某一天，可设为全员休息日或工作日。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/calendar_page.py" line="340"/>
        <source>Statutory holiday: {name}.</source>
        <translation>法定节假日：{name}。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/calendar_page.py" line="341"/>
        <source>Make-up workday (调休) for {name}.</source>
        <translation>{name}调休上班日。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/calendar_page.py" line="344"/>
        <source>Company day off: {name}.</source>
        <translation>公司休息日：{name}。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/calendar_page.py" line="345"/>
        <source>Company day off.</source>
        <translation>公司休息日。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/calendar_page.py" line="346"/>
        <source>Company workday: {name}.</source>
        <translation>公司工作日：{name}。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/calendar_page.py" line="347"/>
        <source>Company workday.</source>
        <translation>公司工作日。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/calendar_page.py" line="349"/>
        <source>Weekend: off for shifts that do not work this weekday.</source>
        <translation>周末：不在这天上班的班次休息。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/calendar_page.py" line="350"/>
        <source>Ordinary day: each shift&apos;s own weekdays decide.</source>
        <translation>普通日期：按各班次自己的工作日安排。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/calendar_page.py" line="365"/>
        <source>{day} is a day off for everyone.</source>
        <translation>{day} 已设为全员休息日。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/calendar_page.py" line="367"/>
        <source>{day} is a workday for everyone.</source>
        <translation>{day} 已设为全员工作日。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/calendar_page.py" line="382"/>
        <source>{day}: the company date is removed.</source>
        <translation>{day}：已移除公司日期。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/calendar_page.py" line="394"/>
        <location filename="../../kiosk/ui/admin/calendar_page.py" line="395"/>
        <source>Work calendar</source>
        <translation>工作日历</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/calendar_page.py" line="396"/>
        <source>‹ Previous month</source>
        <translation>‹ 上个月</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/calendar_page.py" line="397"/>
        <source>Next month ›</source>
        <translation>下个月 ›</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/calendar_page.py" line="398"/>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/calendar_page.py" line="399"/>
        <source>Name (optional)</source>
        <translation>名称（可不填）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/calendar_page.py" line="400"/>
        <source>e.g. company outing</source>
        <translation>例如：公司团建</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/calendar_page.py" line="401"/>
        <source>Day off for everyone</source>
        <translation>设为全员休息日</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/calendar_page.py" line="402"/>
        <source>Workday for everyone</source>
        <translation>设为全员工作日</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/calendar_page.py" line="403"/>
        <source>Back to the statutory calendar</source>
        <translation>恢复为法定日历</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/calendar_page.py" line="404"/>
        <source>Statutory holiday</source>
        <translation>法定节假日</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/calendar_page.py" line="404"/>
        <source>Make-up workday (调休)</source>
        <translation>调休上班</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/calendar_page.py" line="405"/>
        <source>Company day off</source>
        <translation>公司休息日</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/calendar_page.py" line="405"/>
        <source>Company workday</source>
        <translation>公司工作日</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/calendar_page.py" line="406"/>
        <source>Weekend</source>
        <translation>周末</translation>
    </message>
</context>
<context>
    <name>CaptureHints</name>
    <message>
        <location filename="../../kiosk/ui/admin/enroll_steps.py" line="67"/>
        <source>No face found — stand in front of the camera</source>
        <translation>未检测到人脸——请站到摄像头前</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll_steps.py" line="68"/>
        <source>More than one face — only the person enrolling may be in view</source>
        <translation>画面中有多张人脸——只能有登记的人在画面中</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll_steps.py" line="71"/>
        <source>Move closer to the camera</source>
        <translation>请靠近摄像头</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll_steps.py" line="72"/>
        <source>Too dark — face the light</source>
        <translation>太暗——请面向光源</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll_steps.py" line="73"/>
        <source>Too bright — move out of direct light</source>
        <translation>太亮——请避开直射光</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll_steps.py" line="74"/>
        <source>Hold still — the picture is blurred</source>
        <translation>请保持不动——画面模糊</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll_steps.py" line="75"/>
        <source>Look straight at the camera</source>
        <translation>请正视摄像头</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll_steps.py" line="76"/>
        <source>Turn your head a little to your left</source>
        <translation>请把头稍微转向您的左边</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll_steps.py" line="77"/>
        <source>Turn your head a little to your right</source>
        <translation>请把头稍微转向您的右边</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll_steps.py" line="78"/>
        <source>Tilt your head up a little</source>
        <translation>请稍微抬头</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll_steps.py" line="79"/>
        <source>Tilt your head down a little</source>
        <translation>请稍微低头</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll_steps.py" line="80"/>
        <source>Hold it there — capturing</source>
        <translation>保持这个姿势——正在采集</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll_steps.py" line="81"/>
        <source>All angles captured</source>
        <translation>所有角度已采集</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll_steps.py" line="84"/>
        <source>Starting the camera…</source>
        <translation>正在启动摄像头…</translation>
    </message>
</context>
<context>
    <name>CorrectionsPage</name>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="170"/>
        <location filename="../../kiosk/ui/admin/corrections.py" line="355"/>
        <source>All employees</source>
        <translation>全部员工</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/admin/corrections.py" line="233"/>
        <source>%n punch(es) stamped while the kiosk&apos;s clock looked wrong: confirm or fix each (tick “Only punches to check”).</source>
        <translation>
            <numerusform>有 %n 条打卡是在考勤机时间异常时记录的：请逐条确认或更正（勾选“只看待核对的打卡”）。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="260"/>
        <source>This check-in is already on the server; correct it on the HR workstation.</source>
        <translation>此签到已在服务器上；请在人事工作站更正。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="287"/>
        <source>Event added; the audit log records it with your reason.</source>
        <translation>记录已添加；审计日志已记下此操作及原因。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="303"/>
        <source>Event corrected; the audit log records the old and new values.</source>
        <translation>记录已更正；审计日志记下了修改前后的值。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="315"/>
        <source>Time confirmed; the audit log records it with your reason.</source>
        <translation>时间已确认；审计日志已记下此操作及原因。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="326"/>
        <source>Event deleted; the audit log keeps what it was and why.</source>
        <translation>记录已删除；审计日志保留了原记录内容及原因。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="331"/>
        <location filename="../../kiosk/ui/admin/corrections.py" line="332"/>
        <source>Attendance corrections</source>
        <translation>考勤更正</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="333"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="334"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="335"/>
        <location filename="../../kiosk/ui/admin/corrections.py" line="336"/>
        <source>Employee</source>
        <translation>员工</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="337"/>
        <location filename="../../kiosk/ui/admin/corrections.py" line="351"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="338"/>
        <source>Local time</source>
        <translation>本地时间</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="339"/>
        <source>Reason (required)</source>
        <translation>原因（必填）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="340"/>
        <source>e.g. forgot to check out; confirmed by the team leader</source>
        <translation>例如：忘记签退，已由班组长确认</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="341"/>
        <source>Correction</source>
        <translation>更正</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="342"/>
        <source>Check-in</source>
        <translation>签到</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="343"/>
        <source>Check-out</source>
        <translation>签退</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="344"/>
        <source>Add event</source>
        <translation>添加记录</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="345"/>
        <source>Fix selected event</source>
        <translation>更正所选记录</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="346"/>
        <source>Delete selected event</source>
        <translation>删除所选记录</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="347"/>
        <source>Confirm its time</source>
        <translation>确认时间</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="348"/>
        <source>Only punches to check</source>
        <translation>只看待核对的打卡</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="351"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="351"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="351"/>
        <source>Code</source>
        <translation>工号</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="351"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="352"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="352"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="352"/>
        <source>To check</source>
        <translation>待核对</translation>
    </message>
</context>
<context>
    <name>DoorsPage</name>
    <message>
        <location filename="../../kiosk/ui/admin/doors_page.py" line="176"/>
        <source>Registered</source>
        <translation>已登记</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/doors_page.py" line="176"/>
        <source>Seen before the upgrade: confirm its login</source>
        <translation>升级前已出现：请确认登录账号</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/doors_page.py" line="219"/>
        <source>{login} is the door {device} now: it may send its check-ins.</source>
        <translation>{login} 现已登记为门禁 {device}：可以上传打卡了。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/doors_page.py" line="239"/>
        <source>The door {device} is removed: its login can write nothing now.</source>
        <translation>门禁 {device} 已移除：其登录账号现在无法写入任何数据。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/admin/doors_page.py" line="298"/>
        <source>%n check-in(s) from this door on this day; correct them on the Corrections page.</source>
        <translation>
            <numerusform>此门禁当天有 %n 条打卡；如需更正，请到“考勤更正”页面。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/doors_page.py" line="303"/>
        <location filename="../../kiosk/ui/admin/doors_page.py" line="304"/>
        <location filename="../../kiosk/ui/admin/doors_page.py" line="321"/>
        <source>Doors</source>
        <translation>门禁</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/doors_page.py" line="307"/>
        <source>A kiosk&apos;s login may send check-ins only once it is registered here, and only under its own device id. A kiosk that is not registered names its login and device id after each sync. Doors seen in check-ins before the upgrade are listed to confirm: choose the login of each.</source>
        <translation>考勤机的登录账号要在这里登记后才能上传打卡，而且只能用它自己的设备 ID。未登记的考勤机每次同步后会显示它的登录账号和设备 ID。升级前的打卡中出现过的门禁列为待确认：请为每台选择登录账号。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/doors_page.py" line="312"/>
        <location filename="../../kiosk/ui/admin/doors_page.py" line="324"/>
        <source>Login</source>
        <translation>登录账号</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/doors_page.py" line="313"/>
        <location filename="../../kiosk/ui/admin/doors_page.py" line="324"/>
        <source>Device id</source>
        <translation>设备 ID</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/doors_page.py" line="314"/>
        <source>Reason (required to remove)</source>
        <translation>原因（移除时必填）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/doors_page.py" line="315"/>
        <source>Door</source>
        <translation>门禁</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/doors_page.py" line="316"/>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/doors_page.py" line="317"/>
        <source>e.g. kiosk stolen; its password is revoked</source>
        <translation>例如：考勤机被盗，密码已作废</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/doors_page.py" line="318"/>
        <source>Register door</source>
        <translation>登记门禁</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/doors_page.py" line="319"/>
        <source>Remove selected door</source>
        <translation>移除所选门禁</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/doors_page.py" line="320"/>
        <source>Review this door&apos;s day</source>
        <translation>查看此门禁当天打卡</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/doors_page.py" line="322"/>
        <source>A door&apos;s day</source>
        <translation>门禁当天打卡</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/doors_page.py" line="324"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/doors_page.py" line="324"/>
        <source>Registered by</source>
        <translation>登记人</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/doors_page.py" line="325"/>
        <source>Registered at</source>
        <translation>登记时间</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/doors_page.py" line="328"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/doors_page.py" line="328"/>
        <source>Code</source>
        <translation>工号</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/doors_page.py" line="328"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/doors_page.py" line="328"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/doors_page.py" line="328"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/doors_page.py" line="328"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>EmployeeDialog</name>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="65"/>
        <source>Edit {code}</source>
        <translation>编辑 {code}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="66"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="67"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
</context>
<context>
    <name>EnrollWizard</name>
    <message>
        <location filename="../../kiosk/ui/admin/enroll_steps.py" line="264"/>
        <source>Re-enrolling {name} ({code}): their face templates will be replaced; attendance history is kept.</source>
        <translation>正在重新登记 {name}（{code}）：其人脸模板将被替换；考勤记录保留。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll_steps.py" line="272"/>
        <source>Code {code} already belongs to {name}. Choose another code, or re-enroll them from Staff (Re-enroll…).</source>
        <translation>工号 {code} 已属于 {name}。请换一个工号，或在“员工”页面中重新登记此人（重新登记…）。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll_steps.py" line="283"/>
        <source>Who is being enrolled? Tap them in the list, or type a new person&apos;s details. The code is what the kiosk and the reports use.</source>
        <translation>为谁录入？在列表中点选，或输入新员工的信息。考勤机和报表都用工号识别员工。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll_steps.py" line="289"/>
        <source>Someone else: type a new person</source>
        <translation>其他人：输入新员工</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll_steps.py" line="340"/>
        <source>Consent is needed before any face data is taken.</source>
        <translation>采集任何人脸数据之前必须先取得同意。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll_steps.py" line="343"/>
        <source>Consent recorded at {time}.</source>
        <translation>已于 {time} 记录同意。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll_capture.py" line="212"/>
        <source>Camera problem: {message}</source>
        <translation>摄像头故障：{message}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll_capture.py" line="218"/>
        <source>Face analysis could not start: {message}</source>
        <translation>人脸分析无法启动：{message}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll_capture.py" line="231"/>
        <source>All five angles captured.</source>
        <translation>五个角度均已采集。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll_capture.py" line="234"/>
        <source>Enough angles to continue. Still missing: {angles}.</source>
        <translation>角度已足够，可以继续。尚缺：{angles}。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll_capture.py" line="238"/>
        <source>Front is needed first. Still missing: {angles}.</source>
        <translation>需要先采集正面。尚缺：{angles}。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll_steps.py" line="392"/>
        <source>This face already belongs to {name} ({code}). Enrollment stopped: one person must not have two records. To renew their face data, re-enroll {name} from the staff list.</source>
        <translation>此人脸已属于 {name}（{code}）。登记已停止：同一个人不能有两条记录。如需更新其人脸数据，请在员工列表中重新登记 {name}。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll_steps.py" line="400"/>
        <source>No other employee has this face. Continue to review and save.</source>
        <translation>没有其他员工与此人脸匹配。请继续核对并保存。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll_steps.py" line="474"/>
        <source>{name} ({code}), department: {department}. {count} face templates will be saved.</source>
        <translation>{name}（{code}），部门：{department}。将保存 {count} 个人脸模板。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll_steps.py" line="479"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll_steps.py" line="485"/>
        <source>Not captured: {angles}. Recognition from those sides may be less reliable.</source>
        <translation>未采集：{angles}。从这些角度识别可能不够可靠。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll_steps.py" line="466"/>
        <source>Not saved: {error}</source>
        <translation>未保存：{error}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll_steps.py" line="461"/>
        <source>Saved. The kiosk recognises {name} from now on.</source>
        <translation>已保存。考勤机从现在起可以识别 {name}。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll_steps.py" line="449"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll_steps.py" line="450"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll_capture.py" line="137"/>
        <source>Continue with these angles</source>
        <translation>用这些角度继续</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll_steps.py" line="153"/>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll_steps.py" line="236"/>
        <source>Employee details</source>
        <translation>员工信息</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll_steps.py" line="258"/>
        <source>Enrolling {name} ({code}) from the staff list: their first face templates.</source>
        <translation>正在为员工名单中的 {name}（{code}）录入第一份人脸模板。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll_steps.py" line="325"/>
        <source>Consent</source>
        <translation>同意</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll_capture.py" line="131"/>
        <source>Face capture</source>
        <translation>人脸采集</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll_steps.py" line="377"/>
        <source>Duplicate check</source>
        <translation>重复检查</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll_steps.py" line="442"/>
        <source>Review and save</source>
        <translation>核对并保存</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll.py" line="205"/>
        <source>Step {number} of {total}: {title}</source>
        <translation>第 {number} 步，共 {total} 步：{title}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll.py" line="213"/>
        <location filename="../../kiosk/ui/admin/enroll.py" line="214"/>
        <source>Enroll staff</source>
        <translation>登记员工</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll_steps.py" line="291"/>
        <source>Employee code</source>
        <translation>工号</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll_steps.py" line="292"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll_steps.py" line="293"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll_steps.py" line="294"/>
        <source>e.g. 0012</source>
        <translation>例如 0012</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll_steps.py" line="350"/>
        <source>The kiosk recognises staff by their face. To do this it stores 128 numbers computed from five pictures of the face (no photos are kept). They are used only for attendance on this kiosk, and are deleted when the employee asks or leaves. Attendance records are kept as required for payroll.

Read this to the employee, or let them read it, before continuing.</source>
        <translation>考勤机通过人脸识别员工。为此，它会保存由五张人脸画面计算出的 128 个数字（不保存照片）。这些数据仅用于本考勤机的考勤，员工提出要求或离职时即删除。考勤记录按工资核算的要求保留。

继续之前，请向员工宣读本说明，或让其本人阅读。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll_steps.py" line="358"/>
        <source>The employee has read this and agrees to enrollment</source>
        <translation>员工已阅读并同意登记</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll_capture.py" line="249"/>
        <source>Start capture again</source>
        <translation>重新开始采集</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll.py" line="215"/>
        <source>Back</source>
        <translation>上一步</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll.py" line="216"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll_capture.py" line="243"/>
        <source>1 more angle needed to continue. Still missing: {angles}.</source>
        <translation>还需 1 个角度才能继续。尚缺：{angles}。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll_capture.py" line="245"/>
        <source>{count} more angles needed to continue. Still missing: {angles}.</source>
        <translation>还需 {count} 个角度才能继续。尚缺：{angles}。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll_picker.py" line="110"/>
        <source>(has a face: re-enroll)</source>
        <translation>（已录入人脸：重新录入）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll_picker.py" line="120"/>
        <source>Nobody matches. To enroll someone new, type their details.</source>
        <translation>没有匹配的员工。要录入新员工，请输入其信息。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll_picker.py" line="123"/>
        <source>Everyone on the staff list has a face. To enroll someone new, type their details, or import the staff list under Staff.</source>
        <translation>员工名单中每个人都已录入人脸。要录入新员工，请输入其信息，或在“员工”页面导入员工名单。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll_picker.py" line="143"/>
        <source>Find by name or code</source>
        <translation>按姓名或工号查找</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll_picker.py" line="144"/>
        <source>Also people who have a face (re-enroll)</source>
        <translation>也显示已录入人脸的员工（重新录入）</translation>
    </message>
</context>
<context>
    <name>EnrollmentRequestsPage</name>
    <message>
        <location filename="../../kiosk/ui/admin/enrollment_requests_page.py" line="80"/>
        <source>New person</source>
        <translation>新员工</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enrollment_requests_page.py" line="82"/>
        <source>Re-enrollment (on the server now: {name})</source>
        <translation>重新登记（服务器上现为：{name}）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enrollment_requests_page.py" line="88"/>
        <source>(no registered door)</source>
        <translation>（未登记的门禁）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enrollment_requests_page.py" line="91"/>
        <source>None recorded</source>
        <translation>无记录</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enrollment_requests_page.py" line="128"/>
        <source>Approved: {code} reaches every door at its next sync; the audit log records it.</source>
        <translation>已批准：各门禁下次同步时都会收到 {code}；审计日志已记录。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enrollment_requests_page.py" line="147"/>
        <source>Rejected: {code} does not reach the other doors; the audit log keeps your reason.</source>
        <translation>已拒绝：{code} 不会下发到其他门禁；审计日志保留了您填写的原因。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enrollment_requests_page.py" line="157"/>
        <location filename="../../kiosk/ui/admin/enrollment_requests_page.py" line="158"/>
        <source>Enrollments from the doors</source>
        <translation>门禁登记审批</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enrollment_requests_page.py" line="161"/>
        <source>A person enrolled at a door is recognised there at once, and at the other doors only once you approve. Rejecting a new person stops them at their door too and erases their face. A re-enrollment of someone already here changes them everywhere only once you approve.</source>
        <translation>在某个门禁登记的人员立即就能在该门禁识别，其他门禁要等您批准后才能识别。拒绝新员工后，原门禁也不再识别此人，并删除其人脸数据。已有员工在门禁重新登记的，要等您批准后才在所有门禁生效。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enrollment_requests_page.py" line="166"/>
        <source>Reason (required to reject)</source>
        <translation>原因（拒绝时必填）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enrollment_requests_page.py" line="167"/>
        <source>e.g. no consent form on file</source>
        <translation>例如：没有存档的同意书</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enrollment_requests_page.py" line="168"/>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enrollment_requests_page.py" line="169"/>
        <source>Reject</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enrollment_requests_page.py" line="170"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enrollment_requests_page.py" line="172"/>
        <source>Request</source>
        <translation>申请</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enrollment_requests_page.py" line="172"/>
        <source>Code</source>
        <translation>工号</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enrollment_requests_page.py" line="172"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enrollment_requests_page.py" line="172"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enrollment_requests_page.py" line="172"/>
        <source>Door</source>
        <translation>门禁</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enrollment_requests_page.py" line="173"/>
        <source>Login</source>
        <translation>登录账号</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enrollment_requests_page.py" line="173"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enrollment_requests_page.py" line="173"/>
        <source>Consent</source>
        <translation>同意时间</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enrollment_requests_page.py" line="173"/>
        <source>Templates</source>
        <translation>模板数</translation>
    </message>
</context>
<context>
    <name>Events</name>
    <message>
        <location filename="../../kiosk/ui/admin/common.py" line="97"/>
        <source>Check-in</source>
        <translation>签到</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/common.py" line="98"/>
        <source>Check-out</source>
        <translation>签退</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/common.py" line="106"/>
        <source>Face</source>
        <translation>人脸</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/common.py" line="107"/>
        <source>PIN</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/common.py" line="108"/>
        <source>Manual</source>
        <translation>手动</translation>
    </message>
</context>
<context>
    <name>Flags</name>
    <message>
        <location filename="../../kiosk/ui/admin/common.py" line="85"/>
        <source>Late</source>
        <translation>迟到</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/common.py" line="87"/>
        <source>Missing check-out</source>
        <translation>缺少签退</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/common.py" line="88"/>
        <source>Missing check-in</source>
        <translation>缺少签到</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/common.py" line="89"/>
        <source>Clock looked wrong</source>
        <translation>时间异常</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/common.py" line="86"/>
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
</context>
<context>
    <name>Holidays</name>
    <message>
        <location filename="../../kiosk/ui/admin/calendar_page.py" line="53"/>
        <source>New Year&apos;s Day</source>
        <translation>元旦</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/calendar_page.py" line="54"/>
        <source>Spring Festival</source>
        <translation>春节</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/calendar_page.py" line="55"/>
        <source>Tomb-sweeping Day</source>
        <translation>清明节</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/calendar_page.py" line="56"/>
        <source>Labour Day</source>
        <translation>劳动节</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/calendar_page.py" line="57"/>
        <source>Dragon Boat Festival</source>
        <translation>端午节</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/calendar_page.py" line="58"/>
        <source>National Day</source>
        <translation>国庆节</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/calendar_page.py" line="59"/>
        <source>Mid-autumn Festival</source>
        <translation>中秋节</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/calendar_page.py" line="60"/>
        <source>Anti-Fascist 70th Day</source>
        <translation>抗战胜利纪念日</translation>
    </message>
</context>
<context>
    <name>HrWorkstation</name>
    <message>
        <location filename="../../kiosk/ui/admin/workstation.py" line="169"/>
        <source>HR workstation</source>
        <translation>人事工作站</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/workstation.py" line="170"/>
        <source>Lock</source>
        <translation>锁定</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/workstation.py" line="171"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/workstation.py" line="178"/>
        <source>Enter the admin PIN to open administration.</source>
        <translation>请输入管理员 PIN 以进入管理。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/workstation.py" line="185"/>
        <source>The attendance log is busy; try again.</source>
        <translation>考勤记录正忙，请重试。</translation>
    </message>
</context>
<context>
    <name>LeavePage</name>
    <message>
        <location filename="../../kiosk/ui/admin/leave_page.py" line="52"/>
        <source>Annual leave</source>
        <translation>年假</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/leave_page.py" line="53"/>
        <source>Sick leave</source>
        <translation>病假</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/leave_page.py" line="54"/>
        <source>Personal leave</source>
        <translation>事假</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/leave_page.py" line="55"/>
        <source>Other leave</source>
        <translation>其他假</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/leave_page.py" line="76"/>
        <source>1 day</source>
        <translation>1 天</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/leave_page.py" line="77"/>
        <source>{days} days</source>
        <translation>{days} 天</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/leave_page.py" line="79"/>
        <source>{hours} h</source>
        <translation>{hours} 小时</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/leave_page.py" line="198"/>
        <location filename="../../kiosk/ui/admin/leave_page.py" line="316"/>
        <source>All employees</source>
        <translation>全部员工</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/leave_page.py" line="268"/>
        <source>Leave recorded for {name}.</source>
        <translation>已为 {name} 登记请假。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/leave_page.py" line="286"/>
        <source>Leave deleted; the audit log keeps what it was and why.</source>
        <translation>请假已删除；审计日志保留了原内容和原因。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/leave_page.py" line="293"/>
        <location filename="../../kiosk/ui/admin/leave_page.py" line="294"/>
        <source>Leave</source>
        <translation>请假</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/leave_page.py" line="295"/>
        <location filename="../../kiosk/ui/admin/leave_page.py" line="312"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/leave_page.py" line="295"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/leave_page.py" line="295"/>
        <location filename="../../kiosk/ui/admin/leave_page.py" line="296"/>
        <source>Employee</source>
        <translation>员工</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/leave_page.py" line="296"/>
        <location filename="../../kiosk/ui/admin/leave_page.py" line="312"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/leave_page.py" line="296"/>
        <source>First day</source>
        <translation>第一天</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/leave_page.py" line="297"/>
        <source>Last day</source>
        <translation>最后一天</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/leave_page.py" line="297"/>
        <location filename="../../kiosk/ui/admin/leave_page.py" line="313"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/leave_page.py" line="298"/>
        <source>Reason to delete</source>
        <translation>删除原因</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/leave_page.py" line="300"/>
        <source>Starts</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/leave_page.py" line="300"/>
        <source>Ends (exclusive)</source>
        <translation>结束（不含）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/leave_page.py" line="303"/>
        <source>Record leave</source>
        <translation>登记请假</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/leave_page.py" line="306"/>
        <source>Whole days (to the end of the last day)</source>
        <translation>整天（到最后一天结束）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/leave_page.py" line="307"/>
        <source>e.g. approved by the team leader</source>
        <translation>例如：班组长已批准</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/leave_page.py" line="308"/>
        <source>required to delete</source>
        <translation>删除时必填</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/leave_page.py" line="309"/>
        <source>Add leave</source>
        <translation>添加请假</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/leave_page.py" line="310"/>
        <source>Delete selected leave</source>
        <translation>删除所选请假</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/leave_page.py" line="312"/>
        <source>Code</source>
        <translation>工号</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/leave_page.py" line="312"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/leave_page.py" line="312"/>
        <source>To</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/leave_page.py" line="312"/>
        <source>Length</source>
        <translation>时长</translation>
    </message>
</context>
<context>
    <name>LockedPage</name>
    <message>
        <location filename="../../kiosk/ui/admin/workstation.py" line="74"/>
        <source>HR workstation</source>
        <translation>人事工作站</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/workstation.py" line="76"/>
        <source>Staff, corrections, reports and the audit log. Enrolling faces needs a camera: enroll at a kiosk.</source>
        <translation>员工、更正、报表和审计日志。录入人脸需要摄像头：请在考勤机上录入。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/workstation.py" line="78"/>
        <source>Enter the admin PIN…</source>
        <translation>输入管理员 PIN…</translation>
    </message>
</context>
<context>
    <name>MonthTimesheet</name>
    <message>
        <location filename="../../kiosk/ui/admin/reports_month.py" line="63"/>
        <source>Scheduled days</source>
        <translation>应出勤天数</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports_month.py" line="63"/>
        <source>Days present</source>
        <translation>实际出勤天数</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports_month.py" line="64"/>
        <source>Late (times)</source>
        <translation>迟到次数</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports_month.py" line="64"/>
        <source>Late (min)</source>
        <translation>迟到（分钟）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports_month.py" line="65"/>
        <source>Early leave (times)</source>
        <translation>早退次数</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports_month.py" line="65"/>
        <source>Early leave (min)</source>
        <translation>早退（分钟）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports_month.py" line="66"/>
        <source>Missing punches</source>
        <translation>缺卡次数</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports_month.py" line="66"/>
        <source>Absent days</source>
        <translation>旷工天数</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports_month.py" line="67"/>
        <source>Leave (h)</source>
        <translation>请假（小时）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports_month.py" line="67"/>
        <source>Overtime, workdays (h)</source>
        <translation>工作日加班（小时）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports_month.py" line="68"/>
        <source>Overtime, rest days (h)</source>
        <translation>休息日加班（小时）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports_month.py" line="68"/>
        <source>Overtime, holidays (h)</source>
        <translation>节假日加班（小时）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports_month.py" line="69"/>
        <source>Worked (h)</source>
        <translation>工作时长（小时）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports_month.py" line="167"/>
        <location filename="../../kiosk/ui/admin/reports_month.py" line="287"/>
        <source>All departments</source>
        <translation>全部部门</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports_month.py" line="197"/>
        <source>Code</source>
        <translation>工号</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports_month.py" line="197"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports_month.py" line="225"/>
        <source>Statutory holidays for {years} are not known to this version; only the company&apos;s own dates apply.</source>
        <translation>本版本不知道 {years} 年的法定节假日；只按公司自己设定的日期计算。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports_month.py" line="256"/>
        <source>Not exported: {error}</source>
        <translation>未导出：{error}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports_month.py" line="259"/>
        <source>Exported the timesheet of {people} people to {path}.</source>
        <translation>已将 {people} 人的考勤表导出到 {path}。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports_month.py" line="265"/>
        <source>Export xlsx</source>
        <translation>导出 xlsx</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports_month.py" line="268"/>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports_month.py" line="281"/>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports_month.py" line="282"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports_month.py" line="283"/>
        <source>Export xlsx…</source>
        <translation>导出 xlsx…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports_month.py" line="284"/>
        <source>Previous month</source>
        <translation>上个月</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports_month.py" line="285"/>
        <source>Next month</source>
        <translation>下个月</translation>
    </message>
</context>
<context>
    <name>PageHeader</name>
    <message>
        <location filename="../../kiosk/ui/admin/common.py" line="168"/>
        <source>← Administration</source>
        <translation>← 管理</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="102"/>
        <source>Personal PIN for {name}</source>
        <translation>{name} 的个人密码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="105"/>
        <source>With a personal PIN, {name} can check in with their code and PIN when the camera does not recognise them. Use 4 to 12 digits.</source>
        <translation>设置个人密码后，当摄像头无法识别时，{name} 可以用工号和密码签到。请使用 4 到 12 位数字。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="109"/>
        <source>New PIN</source>
        <translation>新密码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="110"/>
        <source>Repeat PIN</source>
        <translation>再次输入密码</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <location filename="../../kiosk/ui/admin/reports.py" line="215"/>
        <location filename="../../kiosk/ui/admin/reports.py" line="361"/>
        <source>All employees</source>
        <translation>全部员工</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports.py" line="216"/>
        <location filename="../../kiosk/ui/admin/reports.py" line="362"/>
        <source>All departments</source>
        <translation>全部部门</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports.py" line="308"/>
        <source>Not exported: {error}</source>
        <translation>未导出：{error}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports.py" line="313"/>
        <source>Exported {rows} rows to {path}.</source>
        <translation>已导出 {rows} 行到 {path}。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports.py" line="319"/>
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports.py" line="322"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports.py" line="336"/>
        <location filename="../../kiosk/ui/admin/reports.py" line="337"/>
        <source>Attendance reports</source>
        <translation>考勤报表</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports.py" line="338"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports.py" line="339"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports.py" line="340"/>
        <source>Employee</source>
        <translation>员工</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports.py" line="341"/>
        <location filename="../../kiosk/ui/admin/reports.py" line="343"/>
        <location filename="../../kiosk/ui/admin/reports.py" line="347"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports.py" line="343"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports.py" line="343"/>
        <location filename="../../kiosk/ui/admin/reports.py" line="347"/>
        <source>Code</source>
        <translation>工号</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports.py" line="343"/>
        <location filename="../../kiosk/ui/admin/reports.py" line="347"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports.py" line="343"/>
        <source>First in</source>
        <translation>首次签到</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports.py" line="344"/>
        <source>Last out</source>
        <translation>最后签退</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports.py" line="344"/>
        <location filename="../../kiosk/ui/admin/reports.py" line="347"/>
        <source>Hours</source>
        <translation>工时</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports.py" line="344"/>
        <source>Flags</source>
        <translation>异常</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports.py" line="350"/>
        <source>Daily summary</source>
        <translation>每日汇总</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports.py" line="351"/>
        <source>Month timesheet</source>
        <translation>月度考勤表</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports.py" line="355"/>
        <source>People present per day</source>
        <translation>每日出勤人数</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports.py" line="356"/>
        <source>No attendance in this range.</source>
        <translation>此时间范围内没有考勤记录。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports.py" line="357"/>
        <source>Export daily summary CSV…</source>
        <translation>导出每日汇总 CSV…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports.py" line="358"/>
        <source>Export all events CSV…</source>
        <translation>导出全部记录 CSV…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports.py" line="271"/>
        <source>{hours} (today in progress)</source>
        <translation>{hours}（今天进行中）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports.py" line="347"/>
        <source>Days present</source>
        <translation>出勤天数</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports.py" line="348"/>
        <source>Late arrivals</source>
        <translation>迟到次数</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports.py" line="348"/>
        <source>Missing check-outs</source>
        <translation>缺少签退</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports.py" line="353"/>
        <source>Each day</source>
        <translation>每日明细</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports.py" line="354"/>
        <source>Totals per employee</source>
        <translation>每人合计</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports.py" line="359"/>
        <source>Export totals CSV…</source>
        <translation>导出合计 CSV…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports.py" line="311"/>
        <source>Exported 1 row to {path}.</source>
        <translation>已导出 1 行到 {path}。</translation>
    </message>
</context>
<context>
    <name>SettingsHelp</name>
    <message>
        <location filename="../../kiosk/settings/specs.py" line="236"/>
        <source>How sure a face match must be before it counts (normal is right for most sites).</source>
        <extracomment>Default seconds during which a second scan of the same person is ignored. A minute covers someone lingering in front of the camera or scanning twice to be sure, and is far shorter than any real visit between check-in and out. Default minutes after a check-in during which a scan answers &quot;already checked in at 08:57&quot; instead of checking out. Five minutes: nobody&apos;s visit is that short, while someone who lingers, scans again to be sure, or is still in view when the kiosk loses and finds their face is never checked out by accident.</extracomment>
        <translation>人脸匹配需要多大把握才算数（标准适合大多数场所）。</translation>
    </message>
    <message>
        <location filename="../../kiosk/settings/specs.py" line="250"/>
        <source>Seconds during which a second scan of the same person is ignored (long enough for a double scan, too short to hide a real return).</source>
        <translation>同一人再次刷脸被忽略的秒数（足以避免重复刷脸，又不会漏掉真正的返回）。</translation>
    </message>
    <message>
        <location filename="../../kiosk/settings/specs.py" line="283"/>
        <source>Require a blink before a face check-in counts. Turning this off lets a printed photo check in.</source>
        <translation>人脸签到需先检测到眨眼才算有效。关闭后，打印的照片也能签到。</translation>
    </message>
    <message>
        <location filename="../../kiosk/settings/specs.py" line="298"/>
        <source>Seconds to wait for a recognised face to blink before saying &apos;blink not seen — please blink again&apos; (most people blink every 2–6 s).</source>
        <translation>认出人脸后等待眨眼的秒数，超时后提示“未检测到眨眼 — 请再眨一次眼”（大多数人每 2–6 秒眨一次眼）。</translation>
    </message>
    <message>
        <location filename="../../kiosk/settings/specs.py" line="311"/>
        <source>Ask for two random head movements as well as the blink, so a video replayed on a phone cannot check in (after_blink: once the blink is seen; always: as soon as the face is recognised).</source>
        <translation>除眨眼外，再要求做两个随机的头部动作，使手机上重放的视频无法打卡（after_blink：看到眨眼之后；always：一认出人脸就开始）。</translation>
    </message>
    <message>
        <location filename="../../kiosk/settings/specs.py" line="325"/>
        <source>Camera index (0, 1, …) or the path of a video file to use as the camera.</source>
        <translation>摄像头编号（0、1……），或作为摄像头使用的视频文件路径。</translation>
    </message>
    <message>
        <location filename="../../kiosk/settings/specs.py" line="336"/>
        <source>Language of the kiosk and admin screens.</source>
        <translation>考勤机和管理界面的显示语言。</translation>
    </message>
    <message>
        <location filename="../../kiosk/settings/specs.py" line="344"/>
        <source>Play a sound on success and on failure.</source>
        <translation>成功和失败时播放提示音。</translation>
    </message>
    <message>
        <location filename="../../kiosk/settings/specs.py" line="352"/>
        <source>After repeated failures, offer check-in with employee code and personal PIN (recorded as source &apos;pin&apos;).</source>
        <translation>多次识别失败后，提供用工号和个人密码签到（来源记为“密码”）。</translation>
    </message>
    <message>
        <location filename="../../kiosk/settings/specs.py" line="365"/>
        <source>Failed face attempts before the PIN fallback is offered.</source>
        <translation>人脸识别失败多少次后提供密码签到。</translation>
    </message>
    <message>
        <location filename="../../kiosk/settings/specs.py" line="374"/>
        <source>Name of this kiosk, written on every attendance event.</source>
        <translation>本考勤机的名称，记录在每条考勤记录中。</translation>
    </message>
    <message>
        <location filename="../../kiosk/settings/specs.py" line="404"/>
        <source>Days after an employee is deactivated until their face templates and personal PIN are erased for good (their attendance history is kept).</source>
        <translation>员工停用多少天后永久删除其人脸模板和个人 PIN（考勤记录保留）。</translation>
    </message>
    <message>
        <location filename="../../kiosk/settings/specs.py" line="424"/>
        <source>Frames are shrunk to this width in pixels before face detection (narrower is faster but misses faces further from the camera).</source>
        <translation>人脸检测前将画面缩小到的宽度（像素）（越窄越快，但会漏掉离摄像头较远的人脸）。</translation>
    </message>
    <message>
        <location filename="../../kiosk/settings/specs.py" line="439"/>
        <source>Times the detector doubles the shrunk frame (1 finds faces down to ~40 px there; 0 is 4x cheaper).</source>
        <translation>检测器将缩小后的画面放大一倍的次数（1 可找到小至约 40 像素的人脸；0 的开销仅为四分之一）。</translation>
    </message>
    <message>
        <location filename="../../kiosk/settings/specs.py" line="453"/>
        <source>Local start of the working day as HH:MM, for late-arrival flags in reports; empty for none.</source>
        <translation>本地上班时间，格式为 时:分（HH:MM），用于报表中的迟到标记；留空表示不标记。</translation>
    </message>
    <message>
        <location filename="../../kiosk/settings/specs.py" line="463"/>
        <source>Folder for the daily backup (a USB stick or a network share); empty: no automatic backup. Whoever can read it can read faces and PIN hashes.</source>
        <translation>每日备份存放的文件夹（U 盘或网络共享文件夹）；留空则不自动备份。能读取此文件夹的人也能读取人脸数据和 PIN 哈希值。</translation>
    </message>
    <message>
        <location filename="../../kiosk/settings/specs.py" line="470"/>
        <source>Daily backups kept in the backup folder; older ones are deleted.</source>
        <translation>备份文件夹中保留的每日备份份数；更早的备份会被删除。</translation>
    </message>
    <message>
        <location filename="../../kiosk/settings/specs.py" line="476"/>
        <source>Warn admins when the database&apos;s disk has less free space than this.</source>
        <translation>数据库所在磁盘的剩余空间低于此值时提醒管理员。</translation>
    </message>
    <message>
        <location filename="../../kiosk/settings/specs.py" line="268"/>
        <source>Minutes after a check-in during which a scan says &apos;already checked in&apos; instead of checking out (0: a scan after the cooldown checks out).</source>
        <translation>签到后多少分钟内再次刷脸只提示“已签到”而不签退（0：冷却时间过后刷脸即签退）。</translation>
    </message>
    <message>
        <location filename="../../kiosk/settings/specs.py" line="386"/>
        <source>With a company server: minutes a check-in may wait to be sent before the kiosk screen warns admins that it cannot reach the server.</source>
        <translation>连接公司服务器时：签到等待发送超过这么多分钟后，考勤机屏幕会提醒管理员无法连接服务器。</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="320"/>
        <source>Not saved: {error}</source>
        <translation>未保存：{error}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="325"/>
        <source>Saved on the server. Each kiosk applies it at its next sync.</source>
        <translation>已保存到服务器。每台考勤机在下次同步时应用。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="327"/>
        <source>Saved to {path} and applied.</source>
        <translation>已保存到 {path} 并生效。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="346"/>
        <source>Choose a video file to use as the camera</source>
        <translation>选择作为摄像头使用的视频文件</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="348"/>
        <source>Videos (*.mp4 *.mov *.avi *.mkv);;All files (*)</source>
        <translation>视频 (*.mp4 *.mov *.avi *.mkv);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="355"/>
        <source>Choose the folder for the daily backup</source>
        <translation>选择每日备份的文件夹</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="369"/>
        <source>Matching strictness</source>
        <translation>匹配严格程度</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="370"/>
        <source>Repeat-scan cooldown</source>
        <translation>重复刷脸间隔</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="372"/>
        <source>Liveness check</source>
        <translation>活体检测</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="373"/>
        <source>Head-movement challenge</source>
        <translation>转头动作验证</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="374"/>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="375"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="376"/>
        <source>Sounds</source>
        <translation>提示音</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="377"/>
        <source>PIN fallback</source>
        <translation>密码签到</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="378"/>
        <source>Workday start</source>
        <translation>上班时间</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="379"/>
        <source>Erase former staff&apos;s face and PIN after</source>
        <translation>停用多久后删除人脸和 PIN</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="381"/>
        <source>Backup folder</source>
        <translation>备份文件夹</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="382"/>
        <source>Backups kept</source>
        <translation>保留备份份数</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="383"/>
        <source>Warn when free disk space is under</source>
        <translation>磁盘剩余空间低于多少时提醒</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="389"/>
        <source>Require a blink before a face check-in counts</source>
        <translation>人脸签到需先眨眼</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="390"/>
        <source>Play a sound on success and failure</source>
        <translation>成功和失败时播放提示音</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="391"/>
        <source>Offer check-in with code and personal PIN</source>
        <translation>允许用工号和个人密码签到</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="398"/>
        <source>Relaxed</source>
        <translation>宽松</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="398"/>
        <source>Normal (recommended)</source>
        <translation>标准（推荐）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="398"/>
        <source>Strict</source>
        <translation>严格</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="402"/>
        <source>Off (blink only)</source>
        <translation>关闭（仅眨眼）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="403"/>
        <source>After the blink</source>
        <translation>眨眼之后</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="404"/>
        <source>Always, from the first look</source>
        <translation>始终（从识别起）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="410"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="410"/>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="410"/>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="411"/>
        <source> MB</source>
        <translation> MB</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="414"/>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="415"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="433"/>
        <source>Warning: with the liveness check off, a printed photo or a phone screen can check in.</source>
        <translation>警告：关闭活体检测后，打印的照片或手机屏幕也能签到。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="436"/>
        <source>Set by HR on the server</source>
        <translation>由人事部在服务器上设置</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="439"/>
        <source>These rules apply at every kiosk that syncs with this server, from its next sync. A rule never saved here stays as each kiosk&apos;s own settings have it.</source>
        <translation>这些规则适用于与此服务器同步的每台考勤机，从其下次同步起生效。从未在此保存过的规则，仍按各考勤机自己的设置执行。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="443"/>
        <source>Video file…</source>
        <translation>视频文件…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="444"/>
        <source>Folder…</source>
        <translation>文件夹…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="445"/>
        <source>empty: no daily backup</source>
        <translation>留空：不做每日备份</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="446"/>
        <source>0 = first camera</source>
        <translation>0 = 第一个摄像头</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="447"/>
        <source>HH:MM</source>
        <translation>时:分</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="448"/>
        <source>Save and apply</source>
        <translation>保存并应用</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="449"/>
        <source>Undo changes</source>
        <translation>撤销更改</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="410"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="371"/>
        <source>Earliest check-out after a check-in</source>
        <translation>签到后最早签退时间</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="380"/>
        <source>Warn when check-ins wait for the server over</source>
        <translation>签到等待发送超过多久时提醒</translation>
    </message>
</context>
<context>
    <name>ShiftsPage</name>
    <message>
        <location filename="../../kiosk/ui/admin/shifts_page.py" line="204"/>
        <source>{times} (next day)</source>
        <translation>{times}（次日）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/shifts_page.py" line="205"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/shifts_page.py" line="206"/>
        <source>Statutory holidays off</source>
        <translation>法定节假日休息</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/shifts_page.py" line="206"/>
        <source>Own weekdays only</source>
        <translation>只按本班次工作日</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/shifts_page.py" line="208"/>
        <location filename="../../kiosk/ui/admin/shifts_page.py" line="209"/>
        <source>{minutes} min</source>
        <translation>{minutes} 分钟</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/shifts_page.py" line="217"/>
        <source>no shift yet</source>
        <translation>尚无班次</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/shifts_page.py" line="220"/>
        <source>from the start</source>
        <translation>从最初起</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/shifts_page.py" line="232"/>
        <source>Department {department} (everyone active)</source>
        <translation>部门 {department}（全部在职员工）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/shifts_page.py" line="280"/>
        <source>Shift {name} added.</source>
        <translation>已添加班次 {name}。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/shifts_page.py" line="301"/>
        <source>{count} people of {department} work {shift} from {day}.</source>
        <translation>{department} 的 {count} 人从 {day} 起上{shift}。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/shifts_page.py" line="311"/>
        <source>{name} works {shift} from {day}.</source>
        <translation>{name} 从 {day} 起上{shift}。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/shifts_page.py" line="317"/>
        <location filename="../../kiosk/ui/admin/shifts_page.py" line="318"/>
        <location filename="../../kiosk/ui/admin/shifts_page.py" line="319"/>
        <source>Shifts</source>
        <translation>班次</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/shifts_page.py" line="320"/>
        <source>Who works which shift</source>
        <translation>谁上哪个班次</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/shifts_page.py" line="322"/>
        <location filename="../../kiosk/ui/admin/shifts_page.py" line="326"/>
        <location filename="../../kiosk/ui/admin/shifts_page.py" line="329"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/shifts_page.py" line="322"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/shifts_page.py" line="322"/>
        <location filename="../../kiosk/ui/admin/shifts_page.py" line="330"/>
        <source>Unpaid breaks</source>
        <translation>休息时段（不计工时）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/shifts_page.py" line="322"/>
        <location filename="../../kiosk/ui/admin/shifts_page.py" line="330"/>
        <source>Late after</source>
        <translation>迟到宽限</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/shifts_page.py" line="323"/>
        <location filename="../../kiosk/ui/admin/shifts_page.py" line="330"/>
        <source>Early before</source>
        <translation>早退宽限</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/shifts_page.py" line="323"/>
        <location filename="../../kiosk/ui/admin/shifts_page.py" line="331"/>
        <source>Workdays</source>
        <translation>工作日</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/shifts_page.py" line="323"/>
        <source>Calendar</source>
        <translation>日历</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/shifts_page.py" line="326"/>
        <source>Code</source>
        <translation>工号</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/shifts_page.py" line="326"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/shifts_page.py" line="326"/>
        <location filename="../../kiosk/ui/admin/shifts_page.py" line="344"/>
        <source>Shift</source>
        <translation>班次</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/shifts_page.py" line="326"/>
        <location filename="../../kiosk/ui/admin/shifts_page.py" line="345"/>
        <source>From</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/shifts_page.py" line="328"/>
        <source>New shift</source>
        <translation>新班次</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/shifts_page.py" line="329"/>
        <source>Starts</source>
        <translation>上班时间</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/shifts_page.py" line="329"/>
        <source>Ends</source>
        <translation>下班时间</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/shifts_page.py" line="334"/>
        <source>e.g. Day shift</source>
        <translation>例如：白班</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/shifts_page.py" line="335"/>
        <source>e.g. 12:00-13:00</source>
        <translation>例如：12:00-13:00</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/shifts_page.py" line="337"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/shifts_page.py" line="340"/>
        <source>Statutory holidays off, make-up workdays on</source>
        <translation>法定节假日休息，调休日上班</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/shifts_page.py" line="341"/>
        <source>Add shift</source>
        <translation>添加班次</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/shifts_page.py" line="342"/>
        <source>Assign a shift</source>
        <translation>分配班次</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/shifts_page.py" line="343"/>
        <source>Who</source>
        <translation>分配给</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/shifts_page.py" line="346"/>
        <source>Assign</source>
        <translation>分配</translation>
    </message>
</context>
<context>
    <name>StaffImport</name>
    <message>
        <location filename="../../kiosk/ui/admin/staff_import.py" line="75"/>
        <source>Add</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff_import.py" line="76"/>
        <source>Change</source>
        <translation>修改</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff_import.py" line="77"/>
        <location filename="../../kiosk/ui/admin/staff_import.py" line="135"/>
        <source>Shift</source>
        <translation>班次</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff_import.py" line="113"/>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff_import.py" line="127"/>
        <source>Import staff</source>
        <translation>导入员工</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff_import.py" line="129"/>
        <source>{file}: {rows} rows. Nothing is written until you press Apply; then the whole file is applied at once, or nothing.</source>
        <translation>{file}：{rows} 行。按“应用”之前不会写入任何内容；应用时整个文件一次写入，要么全部成功，要么什么都不写。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff_import.py" line="132"/>
        <source>The roster&apos;s shifts start on</source>
        <translation>名单中的班次生效日期</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff_import.py" line="134"/>
        <source>What</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff_import.py" line="134"/>
        <source>Code</source>
        <translation>工号</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff_import.py" line="134"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff_import.py" line="135"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff_import.py" line="136"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff_import.py" line="157"/>
        <source>{added} to add, {changed} to change, {assigned} shifts to assign, {unchanged} unchanged.</source>
        <translation>新增 {added} 人，修改 {changed} 人，分配 {assigned} 个班次，{unchanged} 人不变。</translation>
    </message>
</context>
<context>
    <name>StaffPage</name>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="202"/>
        <source>Active</source>
        <translation>在职</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="202"/>
        <source>Inactive</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="205"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="205"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="233"/>
        <source>Reactivate</source>
        <translation>重新启用</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="235"/>
        <source>Deactivate</source>
        <translation>停用</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="271"/>
        <source>Saved {code}.</source>
        <translation>已保存 {code}。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="281"/>
        <source>{name} is deactivated: the kiosk no longer recognises them; their history is kept.</source>
        <translation>{name} 已停用：考勤机不再识别此人；其考勤记录保留。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="285"/>
        <source>{name} is active again.</source>
        <translation>{name} 已重新启用。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="297"/>
        <source>The two PINs differ. Type the same PIN twice.</source>
        <translation>两次输入的密码不一致。请输入相同的密码两次。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="301"/>
        <source>A PIN must be 4 to 12 digits; choose another.</source>
        <translation>密码必须是 4 到 12 位数字；请重新选择。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="311"/>
        <source>Personal PIN set for {name}.</source>
        <translation>已为 {name} 设置个人密码。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="318"/>
        <source>Delete the face data of {name} ({code})?

This deletes their {count} face templates, so the kiosk will no longer recognise them. No photos are stored, so there is nothing else to delete.

Their attendance history, personal PIN and employee record are kept. To recognise them again, enroll them again.</source>
        <translation>删除 {name}（{code}）的人脸数据？

这将删除其 {count} 个人脸模板，考勤机将不再识别此人。系统不保存照片，因此没有其他数据需要删除。

其考勤记录、个人密码和员工档案均保留。如需再次识别，请重新登记。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="329"/>
        <location filename="../../kiosk/ui/admin/staff.py" line="331"/>
        <source>Delete face data</source>
        <translation>删除人脸数据</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="349"/>
        <source>Face data of {name} deleted; attendance history kept.</source>
        <translation>{name} 的人脸数据已删除；考勤记录保留。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="355"/>
        <source>Import staff</source>
        <translation>导入员工</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="358"/>
        <source>Staff lists (*.csv *.xlsx)</source>
        <translation>员工名单 (*.csv *.xlsx)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="390"/>
        <source>Imported {file}: {added} added, {changed} changed, {assigned} shifts assigned.</source>
        <translation>已导入 {file}：新增 {added} 人，修改 {changed} 人，分配 {assigned} 个班次。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="398"/>
        <location filename="../../kiosk/ui/admin/staff.py" line="399"/>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="400"/>
        <source>Search by code, name or department</source>
        <translation>按工号、姓名或部门搜索</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="403"/>
        <source>Code</source>
        <translation>工号</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="404"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="405"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="406"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="407"/>
        <source>Face templates</source>
        <translation>人脸模板</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="408"/>
        <source>Consent given</source>
        <translation>同意时间</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="409"/>
        <source>Personal PIN</source>
        <translation>个人密码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="412"/>
        <source>Enroll new…</source>
        <translation>登记新员工…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="413"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="414"/>
        <source>Re-enroll…</source>
        <translation>重新登记…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="415"/>
        <source>Set PIN…</source>
        <translation>设置密码…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="416"/>
        <source>Delete face data…</source>
        <translation>删除人脸数据…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="417"/>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
</context>
<context>
    <name>SystemPage</name>
    <message>
        <location filename="../../kiosk/ui/admin/system_page.py" line="42"/>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/system_page.py" line="43"/>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/system_page.py" line="44"/>
        <source>PIN key file</source>
        <translation>PIN 密钥文件</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/system_page.py" line="45"/>
        <source>Free disk space</source>
        <translation>磁盘剩余空间</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/system_page.py" line="46"/>
        <source>Clock</source>
        <translation>系统时间</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/system_page.py" line="47"/>
        <source>Backup</source>
        <translation>备份</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/system_page.py" line="48"/>
        <source>Chinese font</source>
        <translation>中文字体</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/system_page.py" line="49"/>
        <source>Starts at boot</source>
        <translation>开机自启动</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/system_page.py" line="57"/>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/system_page.py" line="58"/>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/system_page.py" line="59"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/system_page.py" line="60"/>
        <source>Not checked</source>
        <translation>未检查</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/system_page.py" line="144"/>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/admin/system_page.py" line="174"/>
        <source>%n check(s) failed.</source>
        <translation>
            <numerusform>%n 项检查失败。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/system_page.py" line="176"/>
        <source>Nothing failed.</source>
        <translation>没有失败项。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/system_page.py" line="191"/>
        <location filename="../../kiosk/ui/admin/system_page.py" line="192"/>
        <source>System check</source>
        <translation>系统检查</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/system_page.py" line="194"/>
        <source>The same checks as kiosk doctor on the command line. The details stay in English, as in the log.</source>
        <translation>与命令行 kiosk doctor 的检查相同。详情保留英文，与日志一致。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/system_page.py" line="195"/>
        <source>Check</source>
        <translation>检查项</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/system_page.py" line="195"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/system_page.py" line="195"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/system_page.py" line="196"/>
        <source>Run again</source>
        <translation>重新检查</translation>
    </message>
</context>
</TS>
