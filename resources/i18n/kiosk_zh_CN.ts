<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AdminHome</name>
    <message>
        <location filename="../../kiosk/ui/admin_home.py" line="126"/>
        <source>Administration</source>
        <translation>管理</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin_home.py" line="127"/>
        <source>No admin pages are installed.</source>
        <translation>尚未安装任何管理页面。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin_home.py" line="128"/>
        <source>Recent problems…</source>
        <translation>最近的问题…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin_home.py" line="129"/>
        <source>Back to the kiosk</source>
        <translation>返回考勤机</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin_home.py" line="130"/>
        <source>Close the kiosk</source>
        <translation>关闭考勤机</translation>
    </message>
</context>
<context>
    <name>ChallengePanel</name>
    <message>
        <location filename="../../kiosk/ui/challenge_panel.py" line="41"/>
        <source>Front</source>
        <translation>正面</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/challenge_panel.py" line="42"/>
        <source>Left</source>
        <translation>向左</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/challenge_panel.py" line="43"/>
        <source>Right</source>
        <translation>向右</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/challenge_panel.py" line="44"/>
        <source>Up</source>
        <translation>抬头</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/challenge_panel.py" line="45"/>
        <source>Nod</source>
        <translation>点头</translation>
    </message>
</context>
<context>
    <name>ChangePinBox</name>
    <message>
        <location filename="../../kiosk/ui/dialogs.py" line="216"/>
        <location filename="../../kiosk/ui/dialogs.py" line="222"/>
        <source>Change admin PIN</source>
        <translation>更改管理员 PIN 码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/dialogs.py" line="217"/>
        <source>Current PIN</source>
        <translation>当前 PIN 码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/dialogs.py" line="218"/>
        <source>New PIN ({digits} to {most} digits)</source>
        <translation>新 PIN 码（{digits} 到 {most} 位数字）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/dialogs.py" line="221"/>
        <source>Repeat new PIN</source>
        <translation>再次输入新 PIN 码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/dialogs.py" line="266"/>
        <source>Admin PIN changed. Use the new PIN from now on.</source>
        <translation>管理员 PIN 码已更改，今后请使用新 PIN 码。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/dialogs.py" line="267"/>
        <source>The current PIN is wrong. The admin PIN was not changed.</source>
        <translation>当前 PIN 码错误，管理员 PIN 码未更改。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/dialogs.py" line="268"/>
        <source>Too many wrong PINs. Try again in {seconds} s.</source>
        <translation>PIN 码错误次数过多，请 {seconds} 秒后再试。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/dialogs.py" line="271"/>
        <source>The new PIN needs {digits} to {most} digits.</source>
        <translation>新 PIN 码需要 {digits} 到 {most} 位数字。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/dialogs.py" line="274"/>
        <source>The two new PINs differ. Type the same PIN twice.</source>
        <translation>两次输入的新 PIN 码不一致，请输入相同的 PIN 码。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/dialogs.py" line="293"/>
        <source>The admin PIN was not changed: the PIN key file of this kiosk is missing or damaged. Restore it from a backup, or run “kiosk reset-admin-pin” on this computer.</source>
        <translation>管理员 PIN 码未更改：本机的 PIN 密钥文件丢失或已损坏。请从备份恢复，或在这台电脑上运行“kiosk reset-admin-pin”。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/dialogs.py" line="298"/>
        <source>The admin PIN was not changed: it could not be checked or saved right now. Try again in a moment; the details are under Administration → Recent problems.</source>
        <translation>管理员 PIN 码未更改：暂时无法核对或保存。请稍后再试；详细信息见“管理 → 最近的问题”。</translation>
    </message>
</context>
<context>
    <name>EmployeePinDialog</name>
    <message>
        <location filename="../../kiosk/ui/dialogs.py" line="419"/>
        <source>Check in with PIN</source>
        <translation>用 PIN 码打卡</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/dialogs.py" line="483"/>
        <source>Enter your employee code and personal PIN.</source>
        <translation>请输入您的工号和个人 PIN 码。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/dialogs.py" line="453"/>
        <source>Employee code</source>
        <translation>工号</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/dialogs.py" line="425"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/dialogs.py" line="429"/>
        <source>All departments</source>
        <translation>全部部门</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/dialogs.py" line="431"/>
        <source>No department</source>
        <translation>无部门</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/dialogs.py" line="453"/>
        <source>PIN</source>
        <translation>PIN 码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/dialogs.py" line="482"/>
        <source>Tap your name, then enter your personal PIN.</source>
        <translation>请点选您的姓名，然后输入个人 PIN 码。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/dialogs.py" line="529"/>
        <source>Unknown code or wrong PIN.</source>
        <translation>工号不存在或 PIN 码错误。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/dialogs.py" line="534"/>
        <source>Too many wrong PINs. Try again in {seconds} s.</source>
        <translation>PIN 码错误次数过多，请 {seconds} 秒后再试。</translation>
    </message>
</context>
<context>
    <name>HealthLine</name>
    <message>
        <location filename="../../kiosk/ui/health_line.py" line="61"/>
        <source>Admin: disk full: free space on %1; check-ins wait until there is room</source>
        <translation>管理员：磁盘已满：请清理 %1 所在磁盘；腾出空间前打卡暂缓保存</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/health_line.py" line="66"/>
        <source>Admin: low disk space: %1 MB free on %2</source>
        <translation>管理员：磁盘空间不足：%2 仅剩 %1 MB</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/health_line.py" line="71"/>
        <source>Admin: the clock looks wrong (%1); set it. Check-ins are flagged for HR to check</source>
        <translation>管理员：系统时间似乎有误（%1），请校准。期间的打卡已标记，待人事核对</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/health_line.py" line="80"/>
        <source>earlier than a check-in recorded at %1</source>
        <translation>早于 %1 记录的一次打卡</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/health_line.py" line="82"/>
        <source>earlier than this version&apos;s release, %1</source>
        <translation>早于本版本的发布日期 %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/health_line.py" line="84"/>
        <source>%1 s off the server&apos;s clock</source>
        <translation>与服务器时间相差 %1 秒</translation>
    </message>
</context>
<context>
    <name>KioskScreen</name>
    <message>
        <location filename="../../kiosk/ui/kiosk_screen.py" line="236"/>
        <source>Admin</source>
        <translation>管理</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_screen.py" line="237"/>
        <source>Check in with code and PIN instead</source>
        <translation>改用工号和 PIN 码打卡</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_screen.py" line="379"/>
        <source>Face recognition is not working right now. Please tell an administrator.</source>
        <translation>人脸识别暂时无法使用，请告知管理员。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="442"/>
        <source>The attendance log is busy; trying again…</source>
        <translation>考勤记录正忙，正在重试…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="460"/>
        <source>The PIN could not be saved. Try again.</source>
        <translation>PIN 码未能保存，请重试。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="487"/>
        <source>Enter the admin PIN to open administration.</source>
        <translation>请输入管理员 PIN 码以进入管理。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="517"/>
        <source>The check-in could not be saved. Please tell an administrator.</source>
        <translation>打卡未能保存，请告知管理员。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="539"/>
        <source>Enter the admin PIN to close the kiosk.</source>
        <translation>请输入管理员 PIN 码以关闭考勤机。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="552"/>
        <source>Attendance kiosk</source>
        <translation>人脸考勤机</translation>
    </message>
</context>
<context>
    <name>MaintenanceLine</name>
    <message>
        <location filename="../../kiosk/ui/maintenance.py" line="105"/>
        <source>The database is damaged. Restore the last good backup or salvage it (see System check).</source>
        <translation>数据库已损坏。请恢复最近一次完好的备份，或抢救数据库（见“系统检查”）。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/maintenance.py" line="108"/>
        <source>The database has a damaged index ({names}). Run kiosk doctor --repair.</source>
        <translation>数据库有索引损坏（{names}）。请运行 kiosk doctor --repair。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/maintenance.py" line="112"/>
        <source>No backup yet. Choose a backup folder in Settings.</source>
        <translation>尚无备份。请在“设置”中选择备份文件夹。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/maintenance.py" line="113"/>
        <source>No backup yet: backups to the backup folder fail (see Recent problems).</source>
        <translation>尚无备份：无法备份到备份文件夹（见“最近的问题”）。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/maintenance.py" line="116"/>
        <source>The last good backup is {days} days old.</source>
        <translation>最近一次完好的备份已是 {days} 天前。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/maintenance.py" line="118"/>
        <source>The last backup failed; the kiosk tries again within the hour (see Recent problems).</source>
        <translation>上次备份失败；考勤机会在一小时内重试（见“最近的问题”）。</translation>
    </message>
</context>
<context>
    <name>NoCameraPanel</name>
    <message>
        <location filename="../../kiosk/ui/kiosk_screen.py" line="103"/>
        <source>No camera found</source>
        <translation>未找到摄像头</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_screen.py" line="105"/>
        <source>Check that the camera is plugged in, or choose another camera number below.</source>
        <translation>请检查摄像头是否已连接，或在下方选择其他摄像头编号。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_screen.py" line="107"/>
        <source>Trying again every few seconds…</source>
        <translation>每隔几秒自动重试…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_screen.py" line="108"/>
        <source>Use camera number</source>
        <translation>使用摄像头编号</translation>
    </message>
</context>
<context>
    <name>NumericKeypad</name>
    <message>
        <location filename="../../kiosk/ui/keypad.py" line="91"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/keypad.py" line="93"/>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/keypad.py" line="94"/>
        <location filename="../../kiosk/ui/keypad.py" line="95"/>
        <source>Delete the last digit</source>
        <translation>删除最后一位</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <location filename="../../kiosk/ui/dialogs.py" line="330"/>
        <source>Admin PIN</source>
        <translation>管理员 PIN 码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/dialogs.py" line="380"/>
        <source>Wrong PIN.</source>
        <translation>PIN 码错误。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/dialogs.py" line="386"/>
        <source>Too many wrong PINs. Try again in {seconds} s.</source>
        <translation>PIN 码错误次数过多，请 {seconds} 秒后再试。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/dialogs.py" line="390"/>
        <source>The PIN cannot be checked right now. Try again in a moment.</source>
        <translation>暂时无法核对 PIN 码，请稍后再试。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/dialogs.py" line="397"/>
        <source>The PIN key file of this kiosk is missing or damaged, so no PIN can be checked. Restore it from a backup, or run “kiosk reset-admin-pin” on this computer.</source>
        <translation>本机的 PIN 密钥文件丢失或损坏，无法核对任何 PIN 码。请从备份恢复该文件，或在本机上运行“kiosk reset-admin-pin”。</translation>
    </message>
</context>
<context>
    <name>PinSetupPage</name>
    <message>
        <location filename="../../kiosk/ui/dialogs.py" line="136"/>
        <source>Welcome! Choose an admin PIN</source>
        <translation>欢迎！请设置管理员 PIN 码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/dialogs.py" line="139"/>
        <source>The admin PIN protects enrollment, corrections and settings, and is needed to close the kiosk. Use at least {digits} digits.</source>
        <translation>管理员 PIN 码用于保护人员登记、考勤更正和设置，关闭考勤机时也需要输入。请至少使用 {digits} 位数字。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/dialogs.py" line="143"/>
        <source>Admin PIN</source>
        <translation>管理员 PIN 码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/dialogs.py" line="144"/>
        <source>Repeat PIN</source>
        <translation>再次输入 PIN 码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/dialogs.py" line="145"/>
        <source>Save PIN and start</source>
        <translation>保存 PIN 码并开始</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/dialogs.py" line="151"/>
        <source>The PIN needs at least {digits} digits.</source>
        <translation>PIN 码至少需要 {digits} 位数字。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/dialogs.py" line="154"/>
        <source>The two PINs differ. Type the same PIN twice.</source>
        <translation>两次输入的 PIN 码不一致，请输入相同的 PIN 码。</translation>
    </message>
</context>
<context>
    <name>Prompts</name>
    <message>
        <location filename="../../kiosk/ui/prompts.py" line="88"/>
        <location filename="../../kiosk/ui/prompts.py" line="97"/>
        <source>{minutes} min</source>
        <translation>{minutes} 分钟</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/prompts.py" line="89"/>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} 小时 {minutes} 分钟</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/prompts.py" line="96"/>
        <source>{seconds} s</source>
        <translation>{seconds} 秒</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/prompts.py" line="106"/>
        <location filename="../../kiosk/ui/prompts.py" line="190"/>
        <source>Look at the camera</source>
        <translation>请看摄像头</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/prompts.py" line="110"/>
        <source>No camera found</source>
        <translation>未找到摄像头</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/prompts.py" line="116"/>
        <source>No staff enrolled yet — ask an admin to enroll staff</source>
        <translation>尚未登记员工 — 请联系管理员登记</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/prompts.py" line="135"/>
        <source>Welcome, {name} — checked in {time}</source>
        <translation>欢迎，{name} — 已签到 {time}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/prompts.py" line="140"/>
        <source>Goodbye, {name} — checked out {time}, {worked} today</source>
        <translation>再见，{name} — 已签退 {time}，今天 {worked}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/prompts.py" line="144"/>
        <source>Goodbye, {name} — checked out {time}</source>
        <translation>再见，{name} — 已签退 {time}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/prompts.py" line="151"/>
        <source>{name}, already checked in {ago} ago</source>
        <translation>{name}，{ago}前已签到</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/prompts.py" line="167"/>
        <source>Not recognised — try again</source>
        <translation>未能识别 — 请重试</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/prompts.py" line="172"/>
        <source>Blink not seen — please blink again</source>
        <translation>未检测到眨眼 — 请再眨一次眼</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/prompts.py" line="192"/>
        <source>Please blink</source>
        <translation>请眨眼</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/prompts.py" line="102"/>
        <source>Saving your check-in…</source>
        <translation>正在保存打卡…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/prompts.py" line="198"/>
        <source>Hold still…</source>
        <translation>请保持不动…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/prompts.py" line="205"/>
        <source>Turn your head to your left</source>
        <translation>请把头转向您的左边</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/prompts.py" line="206"/>
        <source>Turn your head to your right</source>
        <translation>请把头转向您的右边</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/prompts.py" line="207"/>
        <source>Look up</source>
        <translation>请抬头</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/prompts.py" line="208"/>
        <source>Nod your head</source>
        <translation>请点头</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/prompts.py" line="159"/>
        <source>{name}, already checked in at {time}</source>
        <translation>{name}，已于 {time} 签到</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/prompts.py" line="157"/>
        <source>{name}, already checked out at {time}</source>
        <translation>{name}，已于 {time} 签退</translation>
    </message>
</context>
<context>
    <name>RecentErrorsDialog</name>
    <message>
        <location filename="../../kiosk/ui/recent_errors.py" line="64"/>
        <source>Recent problems</source>
        <translation>最近的问题</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/recent_errors.py" line="66"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/recent_errors.py" line="66"/>
        <source>Times</source>
        <translation>次数</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/recent_errors.py" line="66"/>
        <source>Where</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/recent_errors.py" line="66"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/recent_errors.py" line="74"/>
        <source>No problems logged.</source>
        <translation>没有记录到问题。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/recent_errors.py" line="76"/>
        <source>The newest problems, newest first. The kiosk screen only said that something is wrong; the details are here and in the log.</source>
        <translation>最近的问题，最新的在前。考勤机屏幕只提示出了问题；详细信息在这里和日志中（保留英文原文，便于排查）。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/recent_errors.py" line="80"/>
        <source>The newest problems, newest first, from before the last restart too. The kiosk screen only said that something is wrong; the details are here and in the log file {path}.</source>
        <translation>最近的问题，最新的在前，也包括上次重启之前的。考勤机屏幕只提示出了问题；详细信息在这里和日志文件 {path} 中（保留英文原文，便于排查）。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/recent_errors.py" line="91"/>
        <source>{count} (since {time})</source>
        <translation>{count}（自 {time} 起）</translation>
    </message>
</context>
<context>
    <name>SyncStatusLabel</name>
    <message>
        <location filename="../../kiosk/ui/sync_status.py" line="86"/>
        <source>Not yet synced</source>
        <translation>尚未同步</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/sync_status.py" line="88"/>
        <source>Synced %1</source>
        <translation>已同步 %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/sync_status.py" line="91"/>
        <location filename="../../kiosk/ui/sync_status.py" line="102"/>
        <location filename="../../kiosk/ui/sync_status.py" line="105"/>
        <source>server unreachable</source>
        <translation>无法连接服务器</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/sync_status.py" line="92"/>
        <source>%1 waiting</source>
        <translation>%1 条待发送</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/sync_status.py" line="97"/>
        <source>Admin: unsent check-ins: %1</source>
        <translation>管理员：未发送的签到 %1 条</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/sync_status.py" line="98"/>
        <source>oldest %1 h ago</source>
        <translation>最早的在 %1 小时前</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/sync_status.py" line="106"/>
        <source>Admin: the server does not take this kiosk&apos;s check-ins yet: ask HR (Doors page)</source>
        <translation>管理员：服务器尚未接收本考勤机的打卡：请联系人事（“门禁”页面）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/sync_status.py" line="109"/>
        <source>Admin: PINs cannot be checked: this kiosk has no usable PIN key file</source>
        <translation>管理员：无法核对 PIN：本机没有可用的 PIN 密钥文件</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/sync_status.py" line="111"/>
        <source>Admin: PINs cannot be checked: this kiosk&apos;s PIN key file is not the server&apos;s</source>
        <translation>管理员：无法核对 PIN：本机的 PIN 密钥文件与服务器的不同</translation>
    </message>
</context>
</TS>
