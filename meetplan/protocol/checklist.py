"""The standard meeting checklist (PROTOCOL.md §7): what an office ticks before, during and
after a meeting. Each item has a stable key, so that meeting.toml ``[checklist]`` can
remove it, reword it, or give it an owner and a time.
"""

from __future__ import annotations

from meetplan.model.checklist import ChecklistItem, Stage

B, D, A = Stage.BEFORE, Stage.DURING, Stage.AFTER

STANDARD_ITEMS: tuple[ChecklistItem, ...] = tuple(
    ChecklistItem(stage, text, key)
    for key, stage, text in (
        ("before.plan", B, "会议方案已审定（时间、地点、议程、参会范围）"),
        ("before.notice", B, "会议通知已发出，参会回执已收齐"),
        ("before.roster", B, "参会名单已核对（姓名、单位、职务、出席情况、代会人员）"),
        ("before.documents", B, "会议文件已定稿（工作报告、讲话稿、主持词、会议须知）"),
        ("before.pages", B, "讲话材料逐页核对页码：无缺页、重页、倒页、空白页"),
        ("before.classification", B, "涉密文件已标注密级，编号登记"),
        ("before.handouts", B, "分发材料已编号登记；会后需收回的文件已列清单"),
        ("before.bags", B, "文件袋按人装好，写明姓名"),
        ("before.special", B, "讲话人对讲话稿的特殊要求（纸张、字号）已落实"),
        ("before.stacking", B, "桌面材料先小后大摆放，A4 叠放在 A3 之上"),
        ("before.banner", B, "会标已制作悬挂，文字逐字核对"),
        ("before.seating", B, "主席台、会场座位按座次图摆放"),
        ("before.cards", B, "桌签逐一核对姓名和位置，反复检查"),
        ("before.contingency", B, "待定领导、代会人员的桌签已备好，应急调整表已交现场负责人"),
        ("before.sound", B, "音响、话筒逐一试音"),
        ("before.recording", B, "录音、录像设备已调试"),
        ("before.lighting", B, "灯光已调试"),
        ("before.tea", B, "茶水已备好"),
        ("before.flowers", B, "花卉已摆放"),
        ("before.catering", B, "用餐已安排"),
        ("before.transport", B, "车辆接送已安排"),
        ("before.inspection", B, "会前检查已完成（上午的会议前一晚布置完毕）"),
        ("during.staff", D, "工作人员提前一小时到岗"),
        ("during.seated", D, "参会人员会前 15 分钟入座"),
        ("during.signin", D, "签到，统计到会人数，报告缺席和代会情况"),
        ("during.record", D, "会议记录"),
        ("during.photo", D, "拍照、录像"),
        ("during.service", D, "会场服务：续水、递送材料"),
        ("after.recover", A, "收回需收回的文件，核对份数"),
        ("after.accounts", A, "结算费用"),
        ("after.minutes", A, "整理会议纪要"),
        ("after.archive", A, "文件资料立卷归档"),
        ("after.venue", A, "清理会场"),
    )
)

STANDARD_KEYS = {item.key for item in STANDARD_ITEMS}
