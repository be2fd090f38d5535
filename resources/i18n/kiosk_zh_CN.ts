<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AdminHome</name>
    <message>
        <location filename="../../kiosk/ui/admin_home.py" line="81"/>
        <source>Administration</source>
        <translation>管理</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin_home.py" line="82"/>
        <source>No admin pages are installed.</source>
        <translation>尚未安装任何管理页面。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin_home.py" line="83"/>
        <source>Back to the kiosk</source>
        <translation>返回考勤机</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin_home.py" line="84"/>
        <source>Close the kiosk</source>
        <translation>关闭考勤机</translation>
    </message>
</context>
<context>
    <name>ChangePinBox</name>
    <message>
        <location filename="../../kiosk/ui/dialogs.py" line="167"/>
        <location filename="../../kiosk/ui/dialogs.py" line="173"/>
        <source>Change admin PIN</source>
        <translation>更改管理员 PIN 码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/dialogs.py" line="168"/>
        <source>Current PIN</source>
        <translation>当前 PIN 码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/dialogs.py" line="169"/>
        <source>New PIN ({digits} to {most} digits)</source>
        <translation>新 PIN 码（{digits} 到 {most} 位数字）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/dialogs.py" line="172"/>
        <source>Repeat new PIN</source>
        <translation>再次输入新 PIN 码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/dialogs.py" line="185"/>
        <source>Admin PIN changed. Use the new PIN from now on.</source>
        <translation>管理员 PIN 码已更改，今后请使用新 PIN 码。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/dialogs.py" line="186"/>
        <source>The current PIN is wrong. The admin PIN was not changed.</source>
        <translation>当前 PIN 码错误，管理员 PIN 码未更改。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/dialogs.py" line="187"/>
        <source>Too many wrong PINs. Try again in {seconds} s.</source>
        <translation>PIN 码错误次数过多，请 {seconds} 秒后再试。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/dialogs.py" line="190"/>
        <source>The new PIN needs {digits} to {most} digits.</source>
        <translation>新 PIN 码需要 {digits} 到 {most} 位数字。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/dialogs.py" line="193"/>
        <source>The two new PINs differ. Type the same PIN twice.</source>
        <translation>两次输入的新 PIN 码不一致，请输入相同的 PIN 码。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/dialogs.py" line="205"/>
        <source>The admin PIN was not changed: {error}</source>
        <translation>管理员 PIN 码未更改：{error}</translation>
    </message>
</context>
<context>
    <name>EmployeePinDialog</name>
    <message>
        <location filename="../../kiosk/ui/dialogs.py" line="286"/>
        <source>Check in with PIN</source>
        <translation>用 PIN 码打卡</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/dialogs.py" line="288"/>
        <source>Enter your employee code and personal PIN.</source>
        <translation>请输入您的工号和个人 PIN 码。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/dialogs.py" line="295"/>
        <source>Employee code</source>
        <translation>工号</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/dialogs.py" line="295"/>
        <source>PIN</source>
        <translation>PIN 码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/dialogs.py" line="313"/>
        <source>Unknown code or wrong PIN.</source>
        <translation>工号不存在或 PIN 码错误。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/dialogs.py" line="318"/>
        <source>Too many wrong PINs. Try again in {seconds} s.</source>
        <translation>PIN 码错误次数过多，请 {seconds} 秒后再试。</translation>
    </message>
</context>
<context>
    <name>KioskScreen</name>
    <message>
        <location filename="../../kiosk/ui/kiosk_screen.py" line="192"/>
        <source>Admin</source>
        <translation>管理</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_screen.py" line="193"/>
        <source>Check in with code and PIN instead</source>
        <translation>改用工号和 PIN 码打卡</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_screen.py" line="328"/>
        <source>Face recognition is not working: {message}</source>
        <translation>人脸识别无法工作：{message}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="250"/>
        <source>The attendance log is busy; trying again…</source>
        <translation>考勤记录正忙，正在重试…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="268"/>
        <source>The PIN could not be saved. Try again.</source>
        <translation>PIN 码未能保存，请重试。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="311"/>
        <source>Enter the admin PIN to open administration.</source>
        <translation>请输入管理员 PIN 码以进入管理。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="335"/>
        <source>The check-in could not be saved. Please tell an administrator.</source>
        <translation>打卡未能保存，请告知管理员。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="357"/>
        <source>Enter the admin PIN to close the kiosk.</source>
        <translation>请输入管理员 PIN 码以关闭考勤机。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="370"/>
        <source>Attendance kiosk</source>
        <translation>人脸考勤机</translation>
    </message>
</context>
<context>
    <name>NoCameraPanel</name>
    <message>
        <location filename="../../kiosk/ui/kiosk_screen.py" line="96"/>
        <source>No camera found</source>
        <translation>未找到摄像头</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_screen.py" line="98"/>
        <source>Check that the camera is plugged in, or choose another camera number below.</source>
        <translation>请检查摄像头是否已连接，或在下方选择其他摄像头编号。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_screen.py" line="100"/>
        <source>Trying again every few seconds…</source>
        <translation>每隔几秒自动重试…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_screen.py" line="101"/>
        <source>Use camera number</source>
        <translation>使用摄像头编号</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <location filename="../../kiosk/ui/dialogs.py" line="233"/>
        <source>Admin PIN</source>
        <translation>管理员 PIN 码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/dialogs.py" line="252"/>
        <source>Wrong PIN.</source>
        <translation>PIN 码错误。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/dialogs.py" line="258"/>
        <source>Too many wrong PINs. Try again in {seconds} s.</source>
        <translation>PIN 码错误次数过多，请 {seconds} 秒后再试。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/dialogs.py" line="262"/>
        <source>The PIN cannot be checked right now. Try again in a moment.</source>
        <translation>暂时无法核对 PIN 码，请稍后再试。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/dialogs.py" line="269"/>
        <source>The PIN key file of this kiosk is missing or damaged, so no PIN can be checked. Restore it from a backup, or run “kiosk reset-admin-pin” on this computer.</source>
        <translation>本机的 PIN 密钥文件丢失或损坏，无法核对任何 PIN 码。请从备份恢复该文件，或在本机上运行“kiosk reset-admin-pin”。</translation>
    </message>
</context>
<context>
    <name>PinSetupPage</name>
    <message>
        <location filename="../../kiosk/ui/dialogs.py" line="96"/>
        <source>Welcome! Choose an admin PIN</source>
        <translation>欢迎！请设置管理员 PIN 码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/dialogs.py" line="99"/>
        <source>The admin PIN protects enrollment, corrections and settings, and is needed to close the kiosk. Use at least {digits} digits.</source>
        <translation>管理员 PIN 码用于保护人员登记、考勤更正和设置，关闭考勤机时也需要输入。请至少使用 {digits} 位数字。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/dialogs.py" line="103"/>
        <source>Admin PIN</source>
        <translation>管理员 PIN 码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/dialogs.py" line="104"/>
        <source>Repeat PIN</source>
        <translation>再次输入 PIN 码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/dialogs.py" line="105"/>
        <source>Save PIN and start</source>
        <translation>保存 PIN 码并开始</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/dialogs.py" line="111"/>
        <source>The PIN needs at least {digits} digits.</source>
        <translation>PIN 码至少需要 {digits} 位数字。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/dialogs.py" line="114"/>
        <source>The two PINs differ. Type the same PIN twice.</source>
        <translation>两次输入的 PIN 码不一致，请输入相同的 PIN 码。</translation>
    </message>
</context>
<context>
    <name>Prompts</name>
    <message>
        <location filename="../../kiosk/ui/prompts.py" line="84"/>
        <location filename="../../kiosk/ui/prompts.py" line="93"/>
        <source>{minutes} min</source>
        <translation>{minutes} 分钟</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/prompts.py" line="85"/>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} 小时 {minutes} 分钟</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/prompts.py" line="92"/>
        <source>{seconds} s</source>
        <translation>{seconds} 秒</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/prompts.py" line="97"/>
        <location filename="../../kiosk/ui/prompts.py" line="161"/>
        <source>Look at the camera</source>
        <translation>请看摄像头</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/prompts.py" line="101"/>
        <source>No camera found</source>
        <translation>未找到摄像头</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/prompts.py" line="119"/>
        <source>Welcome, {name} — checked in {time}</source>
        <translation>欢迎，{name} — 已签到 {time}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/prompts.py" line="124"/>
        <source>Goodbye, {name} — checked out {time}, {worked} today</source>
        <translation>再见，{name} — 已签退 {time}，今天 {worked}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/prompts.py" line="128"/>
        <source>Goodbye, {name} — checked out {time}</source>
        <translation>再见，{name} — 已签退 {time}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/prompts.py" line="135"/>
        <source>{name}, already checked out {ago} ago</source>
        <translation>{name}，{ago}前已签退</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/prompts.py" line="137"/>
        <source>{name}, already checked in {ago} ago</source>
        <translation>{name}，{ago}前已签到</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/prompts.py" line="145"/>
        <source>Not recognised — try again</source>
        <translation>未能识别 — 请重试</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/prompts.py" line="163"/>
        <source>Please blink</source>
        <translation>请眨眼</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/prompts.py" line="165"/>
        <source>Saving your check-in…</source>
        <translation>正在保存打卡…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/prompts.py" line="168"/>
        <source>Hold still…</source>
        <translation>请保持不动…</translation>
    </message>
</context>
</TS>
