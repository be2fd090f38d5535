<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Angles</name>
    <message>
        <location filename="../../kiosk/ui/admin/enroll.py" line="87"/>
        <source>Front</source>
        <translation>正面</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll.py" line="88"/>
        <source>Left</source>
        <translation>向左</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll.py" line="89"/>
        <source>Right</source>
        <translation>向右</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll.py" line="90"/>
        <source>Up</source>
        <translation>抬头</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll.py" line="91"/>
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
        <source>Setting changed</source>
        <translation>修改设置</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="43"/>
        <source>Admin PIN chosen</source>
        <translation>设置管理员 PIN 码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="44"/>
        <source>Admin PIN changed</source>
        <translation>修改管理员 PIN 码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="45"/>
        <source>Admin PIN reset</source>
        <translation>重置管理员 PIN 码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="46"/>
        <source>Admin signed in</source>
        <translation>管理员登录</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="47"/>
        <source>Admin PIN refused</source>
        <translation>管理员 PIN 码错误</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="48"/>
        <source>Admin mode locked (idle)</source>
        <translation>管理模式已锁定（闲置）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="49"/>
        <source>PIN check-in</source>
        <translation>密码签到</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="50"/>
        <source>PIN check-in refused</source>
        <translation>密码签到被拒绝</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="51"/>
        <source>PIN check-in locked</source>
        <translation>密码签到已锁定</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="112"/>
        <source>locked after repeated wrong PINs</source>
        <translation>多次输错 PIN 码后锁定</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="114"/>
        <source>admin mode left idle</source>
        <translation>管理模式闲置</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="115"/>
        <source>on the settings page</source>
        <translation>在设置页面</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="118"/>
        <source>{code}: personal PIN set</source>
        <translation>{code}：已设置个人密码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="122"/>
        <source>{code}: {count} templates deleted</source>
        <translation>{code}：已删除 {count} 个模板</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="126"/>
        <source>{code}: {old} -&gt; {new} templates ({angles})</source>
        <translation>{code}：模板 {old} → {new} 个（{angles}）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="161"/>
        <source>{what}; reason: {reason}</source>
        <translation>{what}；原因：{reason}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="71"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="71"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="78"/>
        <source>name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="79"/>
        <source>department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="80"/>
        <source>active</source>
        <translation>在职</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="81"/>
        <source>consent</source>
        <translation>同意时间</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="101"/>
        <source>{field}: {old} → {new}</source>
        <translation>{field}：{old} → {new}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="105"/>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="134"/>
        <source>{code} {name}, department {department}, consent given {consent}</source>
        <translation>{code} {name}，部门 {department}，同意时间 {consent}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="138"/>
        <source>{code} {name}, department {department}</source>
        <translation>{code} {name}，部门 {department}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="155"/>
        <source>setting {setting}: {old} → {new}</source>
        <translation>设置 {setting}：{old} → {new}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="145"/>
        <source>{code}: re-enrolled; {changes}</source>
        <translation>{code}：重新录入；{changes}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/audit_text.py" line="151"/>
        <source>{code}: {changes}</source>
        <translation>{code}：{changes}</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="328"/>
        <location filename="../../kiosk/ui/admin/corrections.py" line="329"/>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="330"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="331"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="331"/>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="331"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="331"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>CaptureHints</name>
    <message>
        <location filename="../../kiosk/ui/admin/enroll.py" line="102"/>
        <source>No face found — stand in front of the camera</source>
        <translation>未检测到人脸——请站到摄像头前</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll.py" line="103"/>
        <source>More than one face — only the person enrolling may be in view</source>
        <translation>画面中有多张人脸——只能有登记的人在画面中</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll.py" line="106"/>
        <source>Move closer to the camera</source>
        <translation>请靠近摄像头</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll.py" line="107"/>
        <source>Too dark — face the light</source>
        <translation>太暗——请面向光源</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll.py" line="108"/>
        <source>Too bright — move out of direct light</source>
        <translation>太亮——请避开直射光</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll.py" line="109"/>
        <source>Hold still — the picture is blurred</source>
        <translation>请保持不动——画面模糊</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll.py" line="110"/>
        <source>Look straight at the camera</source>
        <translation>请正视摄像头</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll.py" line="111"/>
        <source>Turn your head a little to your left</source>
        <translation>请把头稍微转向您的左边</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll.py" line="112"/>
        <source>Turn your head a little to your right</source>
        <translation>请把头稍微转向您的右边</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll.py" line="113"/>
        <source>Tilt your head up a little</source>
        <translation>请稍微抬头</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll.py" line="114"/>
        <source>Tilt your head down a little</source>
        <translation>请稍微低头</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll.py" line="115"/>
        <source>Hold it there — capturing</source>
        <translation>保持这个姿势——正在采集</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll.py" line="116"/>
        <source>All angles captured</source>
        <translation>所有角度已采集</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll.py" line="119"/>
        <source>Starting the camera…</source>
        <translation>正在启动摄像头…</translation>
    </message>
</context>
<context>
    <name>CorrectionsPage</name>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="142"/>
        <location filename="../../kiosk/ui/admin/corrections.py" line="289"/>
        <source>All employees</source>
        <translation>全部员工</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="209"/>
        <source>This check-in is already on the server; correct it on the HR workstation.</source>
        <translation>此签到已在服务器上；请在人事工作站更正。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="236"/>
        <source>Event added; the audit log records it with your reason.</source>
        <translation>记录已添加；审计日志已记下此操作及原因。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="252"/>
        <source>Event corrected; the audit log records the old and new values.</source>
        <translation>记录已更正；审计日志记下了修改前后的值。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="263"/>
        <source>Event deleted; the audit log keeps what it was and why.</source>
        <translation>记录已删除；审计日志保留了原记录内容及原因。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="268"/>
        <location filename="../../kiosk/ui/admin/corrections.py" line="269"/>
        <source>Attendance corrections</source>
        <translation>考勤更正</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="270"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="271"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="272"/>
        <location filename="../../kiosk/ui/admin/corrections.py" line="273"/>
        <source>Employee</source>
        <translation>员工</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="274"/>
        <location filename="../../kiosk/ui/admin/corrections.py" line="285"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="275"/>
        <source>Local time</source>
        <translation>本地时间</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="276"/>
        <source>Reason (required)</source>
        <translation>原因（必填）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="277"/>
        <source>e.g. forgot to check out; confirmed by the team leader</source>
        <translation>例如：忘记签退，已由班组长确认</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="278"/>
        <source>Correction</source>
        <translation>更正</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="279"/>
        <source>Check-in</source>
        <translation>签到</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="280"/>
        <source>Check-out</source>
        <translation>签退</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="281"/>
        <source>Add event</source>
        <translation>添加记录</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="282"/>
        <source>Fix selected event</source>
        <translation>更正所选记录</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="283"/>
        <source>Delete selected event</source>
        <translation>删除所选记录</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="285"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="285"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="285"/>
        <source>Code</source>
        <translation>工号</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="285"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="286"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/corrections.py" line="286"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>EmployeeDialog</name>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="58"/>
        <source>Edit {code}</source>
        <translation>编辑 {code}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="59"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="60"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
</context>
<context>
    <name>EnrollWizard</name>
    <message>
        <location filename="../../kiosk/ui/admin/enroll.py" line="266"/>
        <source>Re-enrolling {name} ({code}): their face templates will be replaced; attendance history is kept.</source>
        <translation>正在重新登记 {name}（{code}）：其人脸模板将被替换；考勤记录保留。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll.py" line="274"/>
        <source>Code {code} already belongs to {name}. Choose another code, or re-enroll them from Staff (Re-enroll…).</source>
        <translation>工号 {code} 已属于 {name}。请换一个工号，或在“员工”页面中重新登记此人（重新登记…）。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll.py" line="336"/>
        <source>Consent is needed before any face data is taken.</source>
        <translation>采集任何人脸数据之前必须先取得同意。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll.py" line="339"/>
        <source>Consent recorded at {time}.</source>
        <translation>已于 {time} 记录同意。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll.py" line="528"/>
        <source>Camera problem: {message}</source>
        <translation>摄像头故障：{message}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll.py" line="534"/>
        <source>Face analysis could not start: {message}</source>
        <translation>人脸分析无法启动：{message}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll.py" line="547"/>
        <source>All five angles captured.</source>
        <translation>五个角度均已采集。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll.py" line="550"/>
        <source>Enough angles to continue. Still missing: {angles}.</source>
        <translation>角度已足够，可以继续。尚缺：{angles}。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll.py" line="554"/>
        <source>Front is needed first. Still missing: {angles}.</source>
        <translation>需要先采集正面。尚缺：{angles}。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll.py" line="603"/>
        <source>This face already belongs to {name} ({code}). Enrollment stopped: one person must not have two records. To renew their face data, re-enroll {name} from the staff list.</source>
        <translation>此人脸已属于 {name}（{code}）。登记已停止：同一个人不能有两条记录。如需更新其人脸数据，请在员工列表中重新登记 {name}。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll.py" line="611"/>
        <source>No other employee has this face. Continue to review and save.</source>
        <translation>没有其他员工与此人脸匹配。请继续核对并保存。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll.py" line="685"/>
        <source>{name} ({code}), department: {department}. {count} face templates will be saved.</source>
        <translation>{name}（{code}），部门：{department}。将保存 {count} 个人脸模板。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll.py" line="690"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll.py" line="696"/>
        <source>Not captured: {angles}. Recognition from those sides may be less reliable.</source>
        <translation>未采集：{angles}。从这些角度识别可能不够可靠。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll.py" line="677"/>
        <source>Not saved: {error}</source>
        <translation>未保存：{error}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll.py" line="672"/>
        <source>Saved. The kiosk recognises {name} from now on.</source>
        <translation>已保存。考勤机从现在起可以识别 {name}。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll.py" line="660"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll.py" line="661"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll.py" line="453"/>
        <source>Continue with these angles</source>
        <translation>用这些角度继续</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll.py" line="188"/>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll.py" line="244"/>
        <source>Employee details</source>
        <translation>员工信息</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll.py" line="321"/>
        <source>Consent</source>
        <translation>同意</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll.py" line="447"/>
        <source>Face capture</source>
        <translation>人脸采集</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll.py" line="588"/>
        <source>Duplicate check</source>
        <translation>重复检查</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll.py" line="653"/>
        <source>Review and save</source>
        <translation>核对并保存</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll.py" line="855"/>
        <source>Step {number} of {total}: {title}</source>
        <translation>第 {number} 步，共 {total} 步：{title}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll.py" line="863"/>
        <location filename="../../kiosk/ui/admin/enroll.py" line="864"/>
        <source>Enroll staff</source>
        <translation>登记员工</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll.py" line="285"/>
        <source>Who is being enrolled? The code is what the kiosk and the reports use.</source>
        <translation>登记的是谁？考勤机和报表都使用工号。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll.py" line="287"/>
        <source>Employee code</source>
        <translation>工号</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll.py" line="288"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll.py" line="289"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll.py" line="290"/>
        <source>e.g. 0012</source>
        <translation>例如 0012</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll.py" line="346"/>
        <source>The kiosk recognises staff by their face. To do this it stores 128 numbers computed from five pictures of the face (no photos are kept). They are used only for attendance on this kiosk, and are deleted when the employee asks or leaves. Attendance records are kept as required for payroll.

Read this to the employee, or let them read it, before continuing.</source>
        <translation>考勤机通过人脸识别员工。为此，它会保存由五张人脸画面计算出的 128 个数字（不保存照片）。这些数据仅用于本考勤机的考勤，员工提出要求或离职时即删除。考勤记录按工资核算的要求保留。

继续之前，请向员工宣读本说明，或让其本人阅读。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll.py" line="354"/>
        <source>The employee has read this and agrees to enrollment</source>
        <translation>员工已阅读并同意登记</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll.py" line="565"/>
        <source>Start capture again</source>
        <translation>重新开始采集</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll.py" line="865"/>
        <source>Back</source>
        <translation>上一步</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll.py" line="866"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll.py" line="559"/>
        <source>1 more angle needed to continue. Still missing: {angles}.</source>
        <translation>还需 1 个角度才能继续。尚缺：{angles}。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/enroll.py" line="561"/>
        <source>{count} more angles needed to continue. Still missing: {angles}.</source>
        <translation>还需 {count} 个角度才能继续。尚缺：{angles}。</translation>
    </message>
</context>
<context>
    <name>Events</name>
    <message>
        <location filename="../../kiosk/ui/admin/common.py" line="95"/>
        <source>Check-in</source>
        <translation>签到</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/common.py" line="96"/>
        <source>Check-out</source>
        <translation>签退</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/common.py" line="104"/>
        <source>Face</source>
        <translation>人脸</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/common.py" line="105"/>
        <source>PIN</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/common.py" line="106"/>
        <source>Manual</source>
        <translation>手动</translation>
    </message>
</context>
<context>
    <name>Flags</name>
    <message>
        <location filename="../../kiosk/ui/admin/common.py" line="84"/>
        <source>Late</source>
        <translation>迟到</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/common.py" line="86"/>
        <source>Missing check-out</source>
        <translation>缺少签退</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/common.py" line="87"/>
        <source>Missing check-in</source>
        <translation>缺少签到</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/common.py" line="85"/>
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
</context>
<context>
    <name>HrWorkstation</name>
    <message>
        <location filename="../../kiosk/ui/admin/workstation.py" line="155"/>
        <source>HR workstation</source>
        <translation>人事工作站</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/workstation.py" line="156"/>
        <source>Lock</source>
        <translation>锁定</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/workstation.py" line="157"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/workstation.py" line="164"/>
        <source>Enter the admin PIN to open administration.</source>
        <translation>请输入管理员 PIN 以进入管理。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/workstation.py" line="171"/>
        <source>The attendance log is busy; try again.</source>
        <translation>考勤记录正忙，请重试。</translation>
    </message>
</context>
<context>
    <name>LockedPage</name>
    <message>
        <location filename="../../kiosk/ui/admin/workstation.py" line="67"/>
        <source>HR workstation</source>
        <translation>人事工作站</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/workstation.py" line="69"/>
        <source>Staff, corrections, reports and the audit log. Enrolling faces needs a camera: enroll at a kiosk.</source>
        <translation>员工、更正、报表和审计日志。录入人脸需要摄像头：请在考勤机上录入。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/workstation.py" line="71"/>
        <source>Enter the admin PIN…</source>
        <translation>输入管理员 PIN…</translation>
    </message>
</context>
<context>
    <name>PageHeader</name>
    <message>
        <location filename="../../kiosk/ui/admin/common.py" line="166"/>
        <source>← Administration</source>
        <translation>← 管理</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="95"/>
        <source>Personal PIN for {name}</source>
        <translation>{name} 的个人密码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="98"/>
        <source>With a personal PIN, {name} can check in with their code and PIN when the camera does not recognise them. Use 4 to 12 digits.</source>
        <translation>设置个人密码后，当摄像头无法识别时，{name} 可以用工号和密码签到。请使用 4 到 12 位数字。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="102"/>
        <source>New PIN</source>
        <translation>新密码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="103"/>
        <source>Repeat PIN</source>
        <translation>再次输入密码</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <location filename="../../kiosk/ui/admin/reports.py" line="205"/>
        <location filename="../../kiosk/ui/admin/reports.py" line="348"/>
        <source>All employees</source>
        <translation>全部员工</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports.py" line="206"/>
        <location filename="../../kiosk/ui/admin/reports.py" line="349"/>
        <source>All departments</source>
        <translation>全部部门</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports.py" line="298"/>
        <source>Not exported: {error}</source>
        <translation>未导出：{error}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports.py" line="303"/>
        <source>Exported {rows} rows to {path}.</source>
        <translation>已导出 {rows} 行到 {path}。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports.py" line="309"/>
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports.py" line="312"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports.py" line="326"/>
        <location filename="../../kiosk/ui/admin/reports.py" line="327"/>
        <source>Attendance reports</source>
        <translation>考勤报表</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports.py" line="328"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports.py" line="329"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports.py" line="330"/>
        <source>Employee</source>
        <translation>员工</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports.py" line="331"/>
        <location filename="../../kiosk/ui/admin/reports.py" line="333"/>
        <location filename="../../kiosk/ui/admin/reports.py" line="337"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports.py" line="333"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports.py" line="333"/>
        <location filename="../../kiosk/ui/admin/reports.py" line="337"/>
        <source>Code</source>
        <translation>工号</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports.py" line="333"/>
        <location filename="../../kiosk/ui/admin/reports.py" line="337"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports.py" line="333"/>
        <source>First in</source>
        <translation>首次签到</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports.py" line="334"/>
        <source>Last out</source>
        <translation>最后签退</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports.py" line="334"/>
        <location filename="../../kiosk/ui/admin/reports.py" line="337"/>
        <source>Hours</source>
        <translation>工时</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports.py" line="334"/>
        <source>Flags</source>
        <translation>异常</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports.py" line="342"/>
        <source>People present per day</source>
        <translation>每日出勤人数</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports.py" line="343"/>
        <source>No attendance in this range.</source>
        <translation>此时间范围内没有考勤记录。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports.py" line="344"/>
        <source>Export daily summary CSV…</source>
        <translation>导出每日汇总 CSV…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports.py" line="345"/>
        <source>Export all events CSV…</source>
        <translation>导出全部记录 CSV…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports.py" line="261"/>
        <source>{hours} (today in progress)</source>
        <translation>{hours}（今天进行中）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports.py" line="337"/>
        <source>Days present</source>
        <translation>出勤天数</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports.py" line="338"/>
        <source>Late arrivals</source>
        <translation>迟到次数</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports.py" line="338"/>
        <source>Missing check-outs</source>
        <translation>缺少签退</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports.py" line="340"/>
        <source>Each day</source>
        <translation>每日明细</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports.py" line="341"/>
        <source>Totals per employee</source>
        <translation>每人合计</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports.py" line="346"/>
        <source>Export totals CSV…</source>
        <translation>导出合计 CSV…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reports.py" line="301"/>
        <source>Exported 1 row to {path}.</source>
        <translation>已导出 1 行到 {path}。</translation>
    </message>
</context>
<context>
    <name>SettingsHelp</name>
    <message>
        <location filename="../../kiosk/settings/specs.py" line="235"/>
        <source>How sure a face match must be before it counts (normal is right for most sites).</source>
        <extracomment>Default seconds during which a second scan of the same person is ignored. A minute covers someone lingering in front of the camera or scanning twice to be sure, and is far shorter than any real visit between check-in and out. Default minutes after a check-in during which a scan answers &quot;already checked in at 08:57&quot; instead of checking out. Five minutes: nobody&apos;s visit is that short, while someone who lingers, scans again to be sure, or is still in view when the kiosk loses and finds their face is never checked out by accident.</extracomment>
        <translation>人脸匹配需要多大把握才算数（标准适合大多数场所）。</translation>
    </message>
    <message>
        <location filename="../../kiosk/settings/specs.py" line="249"/>
        <source>Seconds during which a second scan of the same person is ignored (long enough for a double scan, too short to hide a real return).</source>
        <translation>同一人再次刷脸被忽略的秒数（足以避免重复刷脸，又不会漏掉真正的返回）。</translation>
    </message>
    <message>
        <location filename="../../kiosk/settings/specs.py" line="282"/>
        <source>Require a blink before a face check-in counts. Turning this off lets a printed photo check in.</source>
        <translation>人脸签到需先检测到眨眼才算有效。关闭后，打印的照片也能签到。</translation>
    </message>
    <message>
        <location filename="../../kiosk/settings/specs.py" line="297"/>
        <source>Seconds to wait for a recognised face to blink before saying &apos;blink not seen — please blink again&apos; (most people blink every 2–6 s).</source>
        <translation>认出人脸后等待眨眼的秒数，超时后提示“未检测到眨眼 — 请再眨一次眼”（大多数人每 2–6 秒眨一次眼）。</translation>
    </message>
    <message>
        <location filename="../../kiosk/settings/specs.py" line="310"/>
        <source>Ask for two random head movements as well as the blink, so a video replayed on a phone cannot check in (after_blink: once the blink is seen; always: as soon as the face is recognised).</source>
        <translation>除眨眼外，再要求做两个随机的头部动作，使手机上重放的视频无法打卡（after_blink：看到眨眼之后；always：一认出人脸就开始）。</translation>
    </message>
    <message>
        <location filename="../../kiosk/settings/specs.py" line="324"/>
        <source>Camera index (0, 1, …) or the path of a video file to use as the camera.</source>
        <translation>摄像头编号（0、1……），或作为摄像头使用的视频文件路径。</translation>
    </message>
    <message>
        <location filename="../../kiosk/settings/specs.py" line="335"/>
        <source>Language of the kiosk and admin screens.</source>
        <translation>考勤机和管理界面的显示语言。</translation>
    </message>
    <message>
        <location filename="../../kiosk/settings/specs.py" line="343"/>
        <source>Play a sound on success and on failure.</source>
        <translation>成功和失败时播放提示音。</translation>
    </message>
    <message>
        <location filename="../../kiosk/settings/specs.py" line="351"/>
        <source>After repeated failures, offer check-in with employee code and personal PIN (recorded as source &apos;pin&apos;).</source>
        <translation>多次识别失败后，提供用工号和个人密码签到（来源记为“密码”）。</translation>
    </message>
    <message>
        <location filename="../../kiosk/settings/specs.py" line="364"/>
        <source>Failed face attempts before the PIN fallback is offered.</source>
        <translation>人脸识别失败多少次后提供密码签到。</translation>
    </message>
    <message>
        <location filename="../../kiosk/settings/specs.py" line="373"/>
        <source>Name of this kiosk, written on every attendance event.</source>
        <translation>本考勤机的名称，记录在每条考勤记录中。</translation>
    </message>
    <message>
        <location filename="../../kiosk/settings/specs.py" line="403"/>
        <source>Days after an employee is deactivated until their face templates and personal PIN are erased for good (their attendance history is kept).</source>
        <translation>员工停用多少天后永久删除其人脸模板和个人 PIN（考勤记录保留）。</translation>
    </message>
    <message>
        <location filename="../../kiosk/settings/specs.py" line="423"/>
        <source>Frames are shrunk to this width in pixels before face detection (narrower is faster but misses faces further from the camera).</source>
        <translation>人脸检测前将画面缩小到的宽度（像素）（越窄越快，但会漏掉离摄像头较远的人脸）。</translation>
    </message>
    <message>
        <location filename="../../kiosk/settings/specs.py" line="438"/>
        <source>Times the detector doubles the shrunk frame (1 finds faces down to ~40 px there; 0 is 4x cheaper).</source>
        <translation>检测器将缩小后的画面放大一倍的次数（1 可找到小至约 40 像素的人脸；0 的开销仅为四分之一）。</translation>
    </message>
    <message>
        <location filename="../../kiosk/settings/specs.py" line="452"/>
        <source>Local start of the working day as HH:MM, for late-arrival flags in reports; empty for none.</source>
        <translation>本地上班时间，格式为 时:分（HH:MM），用于报表中的迟到标记；留空表示不标记。</translation>
    </message>
    <message>
        <location filename="../../kiosk/settings/specs.py" line="267"/>
        <source>Minutes after a check-in during which a scan says &apos;already checked in&apos; instead of checking out (0: a scan after the cooldown checks out).</source>
        <translation>签到后多少分钟内再次刷脸只提示“已签到”而不签退（0：冷却时间过后刷脸即签退）。</translation>
    </message>
    <message>
        <location filename="../../kiosk/settings/specs.py" line="385"/>
        <source>With a company server: minutes a check-in may wait to be sent before the kiosk screen warns admins that it cannot reach the server.</source>
        <translation>连接公司服务器时：签到等待发送超过这么多分钟后，考勤机屏幕会提醒管理员无法连接服务器。</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="315"/>
        <source>Not saved: {error}</source>
        <translation>未保存：{error}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="320"/>
        <source>Saved on the server. Each kiosk applies it at its next sync.</source>
        <translation>已保存到服务器。每台考勤机在下次同步时应用。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="322"/>
        <source>Saved to {path} and applied.</source>
        <translation>已保存到 {path} 并生效。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="341"/>
        <source>Choose a video file to use as the camera</source>
        <translation>选择作为摄像头使用的视频文件</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="343"/>
        <source>Videos (*.mp4 *.mov *.avi *.mkv);;All files (*)</source>
        <translation>视频 (*.mp4 *.mov *.avi *.mkv);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="355"/>
        <source>Matching strictness</source>
        <translation>匹配严格程度</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="356"/>
        <source>Repeat-scan cooldown</source>
        <translation>重复刷脸间隔</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="358"/>
        <source>Liveness check</source>
        <translation>活体检测</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="359"/>
        <source>Head-movement challenge</source>
        <translation>转头动作验证</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="360"/>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="361"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="362"/>
        <source>Sounds</source>
        <translation>提示音</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="363"/>
        <source>PIN fallback</source>
        <translation>密码签到</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="364"/>
        <source>Workday start</source>
        <translation>上班时间</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="365"/>
        <source>Erase former staff&apos;s face and PIN after</source>
        <translation>停用多久后删除人脸和 PIN</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="372"/>
        <source>Require a blink before a face check-in counts</source>
        <translation>人脸签到需先眨眼</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="373"/>
        <source>Play a sound on success and failure</source>
        <translation>成功和失败时播放提示音</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="374"/>
        <source>Offer check-in with code and personal PIN</source>
        <translation>允许用工号和个人密码签到</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="381"/>
        <source>Relaxed</source>
        <translation>宽松</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="381"/>
        <source>Normal (recommended)</source>
        <translation>标准（推荐）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="381"/>
        <source>Strict</source>
        <translation>严格</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="385"/>
        <source>Off (blink only)</source>
        <translation>关闭（仅眨眼）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="386"/>
        <source>After the blink</source>
        <translation>眨眼之后</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="387"/>
        <source>Always, from the first look</source>
        <translation>始终（从识别起）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="393"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="393"/>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="393"/>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="396"/>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="397"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="415"/>
        <source>Warning: with the liveness check off, a printed photo or a phone screen can check in.</source>
        <translation>警告：关闭活体检测后，打印的照片或手机屏幕也能签到。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="418"/>
        <source>Set by HR on the server</source>
        <translation>由人事部在服务器上设置</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="421"/>
        <source>These rules apply at every kiosk that syncs with this server, from its next sync. A rule never saved here stays as each kiosk&apos;s own settings have it.</source>
        <translation>这些规则适用于与此服务器同步的每台考勤机，从其下次同步起生效。从未在此保存过的规则，仍按各考勤机自己的设置执行。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="425"/>
        <source>Video file…</source>
        <translation>视频文件…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="426"/>
        <source>0 = first camera</source>
        <translation>0 = 第一个摄像头</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="427"/>
        <source>HH:MM</source>
        <translation>时:分</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="428"/>
        <source>Save and apply</source>
        <translation>保存并应用</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="429"/>
        <source>Undo changes</source>
        <translation>撤销更改</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="393"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="357"/>
        <source>Earliest check-out after a check-in</source>
        <translation>签到后最早签退时间</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/settings_page.py" line="366"/>
        <source>Warn when check-ins wait for the server over</source>
        <translation>签到等待发送超过多久时提醒</translation>
    </message>
</context>
<context>
    <name>StaffPage</name>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="189"/>
        <source>Active</source>
        <translation>在职</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="189"/>
        <source>Inactive</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="192"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="192"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="220"/>
        <source>Reactivate</source>
        <translation>重新启用</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="222"/>
        <source>Deactivate</source>
        <translation>停用</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="258"/>
        <source>Saved {code}.</source>
        <translation>已保存 {code}。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="268"/>
        <source>{name} is deactivated: the kiosk no longer recognises them; their history is kept.</source>
        <translation>{name} 已停用：考勤机不再识别此人；其考勤记录保留。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="272"/>
        <source>{name} is active again.</source>
        <translation>{name} 已重新启用。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="284"/>
        <source>The two PINs differ. Type the same PIN twice.</source>
        <translation>两次输入的密码不一致。请输入相同的密码两次。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="288"/>
        <source>A PIN must be 4 to 12 digits; choose another.</source>
        <translation>密码必须是 4 到 12 位数字；请重新选择。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="298"/>
        <source>Personal PIN set for {name}.</source>
        <translation>已为 {name} 设置个人密码。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="305"/>
        <source>Delete the face data of {name} ({code})?

This deletes their {count} face templates, so the kiosk will no longer recognise them. No photos are stored, so there is nothing else to delete.

Their attendance history, personal PIN and employee record are kept. To recognise them again, enroll them again.</source>
        <translation>删除 {name}（{code}）的人脸数据？

这将删除其 {count} 个人脸模板，考勤机将不再识别此人。系统不保存照片，因此没有其他数据需要删除。

其考勤记录、个人密码和员工档案均保留。如需再次识别，请重新登记。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="316"/>
        <location filename="../../kiosk/ui/admin/staff.py" line="318"/>
        <source>Delete face data</source>
        <translation>删除人脸数据</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="336"/>
        <source>Face data of {name} deleted; attendance history kept.</source>
        <translation>{name} 的人脸数据已删除；考勤记录保留。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="341"/>
        <location filename="../../kiosk/ui/admin/staff.py" line="342"/>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="343"/>
        <source>Search by code, name or department</source>
        <translation>按工号、姓名或部门搜索</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="346"/>
        <source>Code</source>
        <translation>工号</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="347"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="348"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="349"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="350"/>
        <source>Face templates</source>
        <translation>人脸模板</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="351"/>
        <source>Consent given</source>
        <translation>同意时间</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="352"/>
        <source>Personal PIN</source>
        <translation>个人密码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="355"/>
        <source>Enroll new…</source>
        <translation>登记新员工…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="356"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="357"/>
        <source>Re-enroll…</source>
        <translation>重新登记…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="358"/>
        <source>Set PIN…</source>
        <translation>设置密码…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/staff.py" line="359"/>
        <source>Delete face data…</source>
        <translation>删除人脸数据…</translation>
    </message>
</context>
</TS>
