//! The terminal app's words (界面文字), Chinese and English side by side in one exhaustive match,
//! so a message without its translation does not compile. The award's terms follow the glossary
//! (`terms`): 申报对象, 奖项类别, 评审专家, 证据, 有利害关系 / 无利害关系, 现场核实要点 /
//! 现场澄清要点. The key map names an action's label here (`Act…`); this module knows nothing
//! of the TUI's types.

use super::{Lang, pick};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Msg {
    AppTitle,
    ReadOnly,
    Demo,
    Provisional,
    StageDocument,
    StageSite,
    StageDocumentShort,
    StageSiteShort,
    ScreenApplicants,
    ScreenKeyFactors,
    ScreenEligibility,
    ScreenItems,
    ScreenItem,
    ScreenSummary,
    ScreenHelp,
    CtxGlobal,
    CtxDialog,
    ColId,
    ColName,
    ColTrack,
    ColFramework,
    ColStage,
    ColProgress,
    ColTotal,
    ColConflict,
    ColCode,
    ColTitle,
    ColPoints,
    PointsUnit,
    ColPercent,
    ColScore,
    ColStatus,
    ConflictUndeclared,
    ConflictNone,
    ConflictDeclared,
    NoApplicants,
    StatusNotStarted,
    StatusInProgress,
    StatusDone,
    Total,
    KindProcess,
    KindResults,
    Requirements,
    Factors,
    Bands,
    Strengths,
    Ofis,
    StrengthTag,
    OfiTag,
    SiteIssues,
    Score,
    NotScored,
    DocScore,
    SiteScore,
    Evidence,
    ReqTags,
    IssueVerify,
    IssueClarify,
    IssueOpenVerify,
    IssueOpenClarify,
    IssueVerified,
    IssueNotConfirmed,
    IssueClarified,
    Note,
    NoEntries,
    ScoringLocked,
    DeclareFirst,
    Unscored,
    CommentCounts,
    CommentCheck,
    NoWarnings,
    AllScored,
    VerdictMet,
    VerdictNotMet,
    VerdictUnclear,
    VerdictNone,
    VerdictNotApplicable,
    /// `scorebook` or `scorebook consensus` started without a terminal.
    NoTerminal,
    /// A condition's 适用情形 (第十六条(五)).
    AppliesIf,
    /// A condition's 说明, not itself a condition (第十五条(七)).
    ConditionNote,
    NoChecklist,
    NoKeyFactors,
    FirstRunTitle,
    FirstRunPrompt,
    FirstRunNote,
    AddTitle,
    DeclareTitle,
    AddName,
    AddTrack,
    AddConflict,
    ConflictChoiceNone,
    ConflictChoiceStated,
    AddRelationship,
    RenameTitle,
    UnsavedQuitTitle,
    UnsavedQuitBody,
    ReadOnlyNoExport,
    ConfirmRemoveTitle,
    ConfirmRemoveBody,
    ConfirmSiteTitle,
    ConfirmSiteBody,
    DraftTitle,
    /// The export dialog of a complete round applicant.
    ExportTitle,
    ExportBody,
    /// Export with open site-visit issues (现场评审).
    OpenIssuesTitle,
    /// 守纪情况 (第二十二条): the dialog's title and the summary's heading.
    ConductTitle,
    /// The export warning's title when the conduct is all it warns of.
    ConductMissingTitle,
    DraftBody,
    GotoTitle,
    GotoPrompt,
    GotoNotFound,
    TypeScoreTitle,
    TypeScorePrompt,
    IssueKindTitle,
    IssueTextPrompt,
    EmptyIssue,
    ResolveTitle,
    ResolveNotePrompt,
    IssueDialogKeys,
    ResolveDialogKeys,
    NoticesTitle,
    DialogKeys,
    ChoiceKeys,
    EmptyName,
    EmptyRelationship,
    ReadOnlyRefused,
    ReadOnlyNotice,
    TooSmall,
    TooSmallNeed,
    NoFramework,
    SiteAlready,
    SiteStarted,
    Undone,
    Redone,
    NothingToUndo,
    NothingToRedo,
    EditingHint,
    EditingHintSingle,
    /// The comment form's hint bar, in its text / evidence / codes field.
    FormHintText,
    FormHintEvidence,
    FormHintCodes,
    /// Before the codes picker's list.
    FormPick,
    /// Esc closed a dialog with typed text: it is kept.
    DraftKept,
    NotInSite,
    Removed,
    ExportedTo,
    /// An export is running on the worker.
    Exporting,
    Reviewer,
    Done,
    ConflictRecorded,
    CannotRemoveLast,
    HelpIntro,
    TypeToTag,
    TypeToEvidence,
    Keys,
    Yes,
    No,
    // The consensus screen (合议).
    ConsNothing,
    ConsTitle,
    ConsTotal,
    ConsAgenda,
    ConsPointsUnit,
    ConsMean,
    ConsMedian,
    ConsSpread,
    ConsSd,
    ConsDivergent,
    ConsRoleLeader,
    ConsRoleTrainee,
    ConsAgreed,
    ConsNotAgreed,
    /// Before the title of a read-only consensus window.
    ConsReadOnly,
    ConsAgreedLabel,
    ConsNoRationale,
    ConsWhy,
    ConsCommentsHead,
    ConsNoComments,
    ConsStrengthTag,
    ConsOfiTag,
    /// The author shown for a comment the panel wrote itself.
    ConsPanelAuthor,
    ConsWhyPrompt,
    ConsCommentPrompt,
    /// The column of item codes on the heat map.
    HeatItem,
    HeatSpread,
    HeatAgreed,
    /// A member who recused from the applicant (有利害关系).
    HeatRecused,
    /// A member whose sheet did not arrive or was refused.
    HeatMissing,
    /// A member's sheet leaves the item unscored.
    HeatUnscored,
    /// The legend under the heat map: what a cell says.
    HeatLegend,
    /// Members the window is too narrow for.
    ScreenConsensus,
    ScreenHeatMap,
    ActAgree,
    ActEditRationale,
    ActEditComment,
    ActKeepComment,
    ActNextApplicant,
    ActPrevApplicant,
    ActExportConsensus,
    ActSaveDraft,
    ActShowHeatMap,
    ActMarkComment,
    ActMergeComments,
    ActConduct,
    ActEditSynthesis,
    ActScrollLeft,
    ActScrollRight,
    /// Nothing to merge: neither two marked comments nor a group of near-duplicates.
    ConsNothingToMerge,
    /// Marked comments of both kinds: a strength never merges with an OFI.
    ConsMergeMixed,
    /// Before the authors of a merged comment.
    ConsMergedFrom,
    // Labels of the actions, for the hint bar and the help.
    ActUp,
    ActDown,
    ActPageUp,
    ActPageDown,
    ActHome,
    ActEnd,
    ActOpen,
    ActBack,
    ActNextPane,
    ActPrevPane,
    ActHelp,
    ActQuit,
    ActSwitchLanguage,
    ActUndo,
    ActRedo,
    ActShowKeyFactors,
    ActShowEligibility,
    ActShowItems,
    ActShowSummary,
    ActAddApplicant,
    ActRename,
    ActRemove,
    ActDeclareConflict,
    ActStartSiteReview,
    ActExportSheet,
    ActToggleSeal,
    ActAdd,
    ActDelete,
    ActMoveUp,
    ActMoveDown,
    ActGotoItem,
    ActNextItem,
    ActPrevItem,
    ActScoreUp,
    ActScoreDown,
    ActTypeScore,
    ActClearScore,
    ActToggleDone,
    ActAddStrength,
    ActAddOfi,
    ActAddSiteIssue,
    ActNextOpenIssue,
    NoOpenIssues,
    ActEditTags,
    ActEditEvidence,
    ActEditNote,
    ActCycle,
    ActCycleBack,
    ActTick,
    ActType,
    ActPaste,
    ActResize,
    // The round (评审轮次): import, local applicants, recusal.
    ActImportRound,
    ImportRoundTitle,
    ImportRoundPrompt,
    ImportRoundNote,
    LocalMark,
    RenameRoundRefused,
    ChangeConflictNote,
    // Restoring a removed applicant from its backup.
    ActRestore,
    RestoreTitle,
    RestoreNone,
    RestoreNote,
    Restored,
}

/// The text of a message in a language.
pub fn t(lang: Lang, msg: Msg) -> &'static str {
    use Msg::*;
    let (zh, en) = match msg {
        AppTitle => ("评审记分册", "Scorebook"),
        ReadOnly => ("只读", "read-only"),
        Demo => ("示例", "demo"),
        Provisional => ("暂定", "provisional"),
        StageDocument => ("资料评审", "Document review"),
        StageSite => ("现场评审", "Site review"),
        StageDocumentShort => ("资料评审", "document"),
        StageSiteShort => ("现场评审", "site"),
        ScreenApplicants => ("申报对象", "Applicants"),
        ScreenKeyFactors => ("组织概述要点", "Key factors"),
        ScreenEligibility => ("资格审查", "Eligibility"),
        ScreenItems => ("评分条款", "Items"),
        ScreenItem => ("条款评分", "Item"),
        ScreenSummary => ("汇总", "Summary"),
        ScreenHelp => ("帮助", "Help"),
        CtxGlobal => ("通用", "Everywhere"),
        CtxDialog => ("对话框", "Dialogs"),
        ColId => ("编号", "ID"),
        ColName => ("名称", "Name"),
        ColTrack => ("奖项类别", "Award track"),
        ColFramework => ("评价准则", "Framework"),
        ColStage => ("阶段", "Stage"),
        ColProgress => ("进度", "Progress"),
        ColTotal => ("得分", "Score"),
        ColConflict => ("回避", "Recusal"),
        ColCode => ("条款", "Code"),
        ColTitle => ("标题", "Title"),
        ColPoints => ("分值", "Points"),
        PointsUnit => ("分", "points"),
        ColPercent => ("百分比", "Percent"),
        ColScore => ("得分", "Score"),
        ColStatus => ("状态", "Status"),
        ConflictUndeclared => ("未声明", "undeclared"),
        ConflictNone => ("无利害关系", "none"),
        ConflictDeclared => ("有利害关系", "interest"),
        NoApplicants => ("还没有申报对象。添加:", "No applicants yet. Add one:"),
        StatusNotStarted => ("未开始", "not started"),
        StatusInProgress => ("进行中", "in progress"),
        StatusDone => ("已完成", "done"),
        Total => ("总分", "Total"),
        KindProcess => ("过程", "process"),
        KindResults => ("结果", "results"),
        Requirements => ("要求", "Requirements"),
        Factors => ("评价要素", "Factors"),
        Bands => ("评分区间", "Scoring bands"),
        Strengths => ("优势", "Strengths"),
        Ofis => ("改进机会", "OFIs"),
        StrengthTag => ("优势", "S"),
        OfiTag => ("改进", "O"),
        SiteIssues => ("现场核实与澄清要点", "Site-visit issues"),
        Score => ("评分", "Score"),
        NotScored => ("未评分", "not scored"),
        DocScore => ("资料评审", "document review"),
        SiteScore => ("现场评审", "site review"),
        Evidence => ("证据", "evidence"),
        ReqTags => ("要求", "req."),
        IssueVerify => ("核实", "verify"),
        IssueClarify => ("澄清", "clarify"),
        IssueOpenVerify => ("待核查", "open"),
        IssueOpenClarify => ("待澄清", "open"),
        IssueVerified => ("已核实", "verified"),
        IssueNotConfirmed => ("与材料不符", "not as documented"),
        IssueClarified => ("已澄清", "clarified"),
        Note => ("备注", "note"),
        NoEntries => ("尚无评语。", "No comments yet."),
        ScoringLocked => (
            "已声明有利害关系: 该申报对象的评分已锁定",
            "Interest declared: scoring is locked for this applicant",
        ),
        DeclareFirst => (
            "评分前请先作回避声明 (在申报对象列表按 c)",
            "Make the recusal declaration before scoring (c on the applicants list)",
        ),
        Unscored => ("未评分条款", "Unscored items"),
        CommentCounts => ("评语数量", "Comments"),
        CommentCheck => ("评语检查", "Comment check"),
        NoWarnings => ("无提示", "no warnings"),
        AllScored => ("全部已评分", "all scored"),
        VerdictMet => ("符合", "met"),
        VerdictNotMet => ("不符合", "not met"),
        VerdictUnclear => ("待核实", "unclear"),
        VerdictNone => ("未审查", "not checked"),
        VerdictNotApplicable => ("不适用", "not applicable"),
        NoTerminal => (
            "需要在终端窗口中运行（标准输入和输出不是终端）；命令行用法见 scorebook --help",
            "needs a terminal window (standard input and output are not a terminal); see scorebook --help for the commands",
        ),
        AppliesIf => ("适用情形", "applies if"),
        ConditionNote => ("说明", "note"),
        NoChecklist => (
            "该奖项类别没有资格审查清单",
            "No eligibility checklist for this award track",
        ),
        NoKeyFactors => ("尚无要点。添加:", "No key factors yet. Add one:"),
        FirstRunTitle => ("欢迎使用评审记分册", "Welcome to Scorebook"),
        FirstRunPrompt => ("请输入您的姓名 (评审专家):", "Your name (reviewer):"),
        FirstRunNote => (
            "将创建一个示例申报对象, 可随时删除。",
            "A demo applicant will be created; remove it any time.",
        ),
        AddTitle => ("添加申报对象", "Add applicant"),
        DeclareTitle => ("回避声明", "Recusal declaration"),
        AddName => ("申报对象名称:", "Applicant's name:"),
        AddTrack => (
            "奖项类别 (评价准则随之确定):",
            "Award track (sets the framework):",
        ),
        AddConflict => (
            "回避声明: 您与该申报对象是否有利害关系?",
            "Recusal declaration: do you have an interest in this applicant?",
        ),
        ConflictChoiceNone => ("无利害关系", "No interest"),
        ConflictChoiceStated => (
            "有利害关系 (说明关系; 评分将被锁定)",
            "Has an interest (state the relationship; scoring will be locked)",
        ),
        AddRelationship => ("说明关系:", "State the relationship:"),
        RenameTitle => ("修改名称", "Rename applicant"),
        UnsavedQuitTitle => ("有内容尚未保存", "Work not saved yet"),
        UnsavedQuitBody => (
            "磁盘拒绝了保存，最近的改动只在本窗口中。按 Enter 把它们写到下面的文件夹后退出；按 Esc 返回继续（保存会自动重试）。",
            "The disk refused the save: your latest changes are only in this window. Enter writes them to the folder below and quits; Esc goes back (saving keeps retrying).",
        ),
        ReadOnlyNoExport => (
            "本窗口为只读，不能导出：它显示的内容可能已被另一个窗口修改。请在可写的窗口中导出",
            "This window is read-only and cannot export: what it shows may have been changed by another window. Export from the writable one",
        ),
        ConfirmRemoveTitle => ("删除申报对象?", "Remove applicant?"),
        ConfirmRemoveBody => (
            "删除后保留一份备份。Enter 删除, Esc 取消。",
            "A backup is kept. Enter removes, Esc cancels.",
        ),
        ConfirmSiteTitle => ("开始现场评审?", "Start site review?"),
        ConfirmSiteBody => (
            "资料评审的得分和评语复制为现场评审的起点, 资料评审记录保持不变。Enter 开始, Esc 取消。",
            "Document-review scores and comments are copied as the starting point; the document-review record stays as it is. Enter starts, Esc cancels.",
        ),
        DraftTitle => ("导出草稿?", "Export a draft?"),
        ExportTitle => ("导出签名评分表", "Export the signed sheet"),
        ExportBody => (
            "评审已完成, 签名后导出评分表。Enter 导出, Esc 取消。",
            "The review is complete: the sheet is signed and exported. Enter exports, Esc cancels.",
        ),
        OpenIssuesTitle => ("仍有要点未处理", "Site-visit issues still open"),
        ConductTitle => ("守纪情况（第二十二条）", "Applicant's conduct (article 22)"),
        ConductMissingTitle => ("守纪情况未填写", "Conduct not recorded"),
        DraftBody => (
            "尚有条款未评分, 只能导出注明为草稿的评分表 (不计入合议)。Enter 导出草稿, Esc 取消。",
            "Some items are unscored, so only a sheet marked draft can be exported (not counted by the panel). Enter exports the draft, Esc cancels.",
        ),
        GotoTitle => ("跳转到条款", "Go to item"),
        GotoPrompt => ("条款编号, 如 4.3.2:", "Item code, e.g. 4.3.2:"),
        GotoNotFound => ("没有该条款", "No such item"),
        TypeScoreTitle => ("输入百分比", "Type a percent"),
        TypeScorePrompt => ("百分比 (0-100):", "Percent (0-100):"),
        IssueKindTitle => (
            "现场核实要点或澄清要点",
            "Site-visit issue to verify or to clarify",
        ),
        IssueTextPrompt => (
            "要点 (现场要核实或澄清什么):",
            "The issue (what to verify or clarify on site):",
        ),
        EmptyIssue => ("请写下要点", "Write the issue"),
        ResolveTitle => ("现场要点: 结果和说明", "Site-visit issue: outcome and note"),
        ResolveNotePrompt => ("说明 (现场所见):", "Note (what was seen on site):"),
        ResolveDialogKeys => (
            "Tab/Up/Down 切换结果  Enter 保存  PgDn 保存并到下一待处理要点  Esc 关闭 (输入的文字保留)",
            "Tab/Up/Down switch outcome  Enter save  PgDn save, next open issue  Esc close (typed text kept)",
        ),
        IssueDialogKeys => (
            "Tab/Up/Down 切换  Enter 保存  Esc 关闭 (输入的文字保留)",
            "Tab/Up/Down switch  Enter save  Esc close (typed text kept)",
        ),
        NoticesTitle => ("提示", "Notices"),
        DialogKeys => (
            "Enter 确认  Esc 关闭 (输入的文字保留)",
            "Enter confirm  Esc close (typed text kept)",
        ),
        ChoiceKeys => (
            "Up/Down 选择  Enter 确认  Esc 返回",
            "Up/Down choose  Enter confirm  Esc back",
        ),
        EmptyName => ("名称不能为空", "A name is required"),
        EmptyRelationship => ("请说明关系", "State the relationship"),
        ReadOnlyRefused => (
            "只读: 另一个评审记分册正在使用此目录, 无法修改",
            "Read-only: another Scorebook is using this folder; nothing can change",
        ),
        ReadOnlyNotice => (
            "另一个评审记分册正在使用此目录。本窗口为只读, 不会保存任何更改。",
            "Another Scorebook is using this folder. This window is read-only and saves nothing.",
        ),
        TooSmall => ("窗口太小", "Window too small"),
        TooSmallNeed => ("至少需要 80x24", "Needs at least 80x24"),
        NoFramework => (
            "找不到该申报对象的评价准则",
            "The framework of this applicant is not available",
        ),
        SiteAlready => ("已在现场评审阶段", "Site review has already started"),
        SiteStarted => ("现场评审已开始", "Site review started"),
        Undone => ("已撤销", "Undone"),
        Redone => ("已重做", "Redone"),
        NothingToUndo => ("没有可撤销的更改", "Nothing to undo"),
        NothingToRedo => ("没有可重做的更改", "Nothing to redo"),
        EditingHint => (
            "编辑中: Enter 换行  Esc 完成 (已自动保存)  Ctrl+Z 撤销  Ctrl+Y 重做",
            "Editing: Enter new line  Esc done (saved as you type)  Ctrl+Z undo  Ctrl+Y redo",
        ),
        FormHintText => (
            "评语: Tab 下一栏 (证据、要求)  Enter 换行  Ctrl+S 保存  Esc 完成 (已自动保存)",
            "Comment: Tab next field (evidence, codes)  Enter new line  Ctrl+S save  Esc done (saved as you type)",
        ),
        FormHintEvidence => (
            "评语: 证据可以要求编号开头 (2a 自评报告第12页)  Enter 保存  Tab 下一栏  Esc 完成 (已自动保存)",
            "Comment: evidence may start with codes (2a p. 12)  Enter save  Tab next field  Esc done (saved as you type)",
        ),
        FormHintCodes => (
            "评语: 输入要求编号, 或 Up/Down 选择 Space 勾选  Enter/Ctrl+S 保存  Shift+Tab 上一栏",
            "Comment: type codes, or Up/Down then Space to tick  Enter/Ctrl+S save  Shift+Tab back",
        ),
        FormPick => ("可选:", "Codes:"),
        DraftKept => (
            "已保留输入的文字, 再次打开时恢复",
            "Typed text kept: it is back when you open this again",
        ),
        EditingHintSingle => (
            "编辑中: Enter/Esc 完成 (已自动保存)  Ctrl+Z 撤销  Ctrl+Y 重做",
            "Editing: Enter/Esc done (saved as you type)  Ctrl+Z undo  Ctrl+Y redo",
        ),
        NotInSite => (
            "现场评审开始后才能处理问题状态",
            "Issue status is set during site review",
        ),
        Removed => ("已删除, 备份已保留", "Removed; a backup is kept"),
        ExportedTo => ("已导出签名评分表:", "Signed sheet exported:"),
        Exporting => ("正在签名并导出评分表", "Signing and exporting the sheet"),
        Reviewer => ("评审专家", "Reviewer"),
        Done => ("已完成", "done"),
        ConflictRecorded => ("回避声明已记录", "Declaration recorded"),
        CannotRemoveLast => ("没有可删除的申报对象", "No applicant to remove"),
        HelpIntro => (
            "所有按键 (可在配置文件 keys 中修改)。Esc 关闭。",
            "Every key (change them under keys in the config file). Esc closes.",
        ),
        TypeToTag => (
            "要求编号, 用逗号分隔, 如 a, c:",
            "Requirement labels, e.g. a, c:",
        ),
        TypeToEvidence => (
            "证据出处, 如 申报材料第12页:",
            "Evidence, e.g. application p. 12:",
        ),
        Keys => ("按键", "Keys"),
        Yes => ("是", "yes"),
        No => ("否", "no"),
        ConsNothing => (
            "没有可合议的申报对象（先运行 scorebook merge）",
            "Nothing to agree: run scorebook merge first",
        ),
        ConsTitle => ("合议", "Consensus"),
        ConsTotal => ("总分", "total"),
        ConsAgenda => ("议程", "Agenda"),
        ConsPointsUnit => ("分", " pts"),
        ConsMean => ("均值", "mean"),
        ConsMedian => ("中位", "median"),
        ConsSpread => ("极差", "spread"),
        ConsSd => ("标准差", "sd"),
        ConsDivergent => ("  [分歧]", "  [divergent]"),
        ConsRoleLeader => ("组长", "leader"),
        ConsRoleTrainee => ("见习", "trainee"),
        ConsAgreed => ("[已确认]", "[agreed]"),
        ConsNotAgreed => ("[未确认]", "[not agreed]"),
        ConsReadOnly => ("[只读] ", "[read-only] "),
        ConsAgreedLabel => ("合议 ", "Agreed "),
        ConsNoRationale => ("（无）", "(none)"),
        ConsWhy => ("理由: ", "Why: "),
        ConsCommentsHead => (
            "优势(优)与改进机会(改): [x] 保留  * 已标记  #n 相近评语组",
            "Strengths (S) and OFIs (O): [x] kept  * marked  #n near-duplicates",
        ),
        ConsNoComments => ("（评审专家未写评语）", "(no comments)"),
        ConsStrengthTag => ("优", "S"),
        ConsOfiTag => ("改", "O"),
        ConsPanelAuthor => ("合议", "panel"),
        ConsWhyPrompt => ("合议理由", "Rationale"),
        ConsCommentPrompt => ("评语", "Comment"),
        HeatItem => ("条款", "Item"),
        HeatSpread => ("极差", "sprd"),
        HeatAgreed => ("合议", "agreed"),
        HeatRecused => ("回避", "rec."),
        HeatMissing => ("缺", "miss"),
        HeatUnscored => ("未评", "n/s"),
        HeatLegend => (
            "格内: 评分区间(1-6 档, GB/Z 19579) 与得分率; ! 分歧; + 已确认; 回避 = 有利害关系; 缺 = 评分表未到; 未评 = 该条未评分",
            "Cell: band (1-6, GB/Z 19579) and percent; ! divergent; + agreed; rec. = recused; miss = no sheet; n/s = item not scored",
        ),

        ScreenConsensus => ("合议", "Consensus"),
        ScreenHeatMap => ("评审组一览", "Panel at a glance"),
        ActAgree => ("确认合议", "agree"),
        ActEditRationale => ("合议理由", "rationale"),
        ActEditComment => ("编辑评语", "edit comment"),
        ActKeepComment => ("保留/去掉", "keep/drop"),
        ActNextApplicant => ("下一申报对象", "next applicant"),
        ActPrevApplicant => ("上一申报对象", "previous applicant"),
        ActExportConsensus => ("导出合议评分表", "export consensus sheet"),
        ActSaveDraft => ("保存", "save"),
        ActShowHeatMap => ("一览", "at a glance"),
        ActMarkComment => ("标记", "mark"),
        ActMergeComments => ("合并评语", "merge comments"),
        ActConduct => ("守纪情况", "applicant's conduct"),
        ActEditSynthesis => ("综合评价", "overall evaluation"),
        ActScrollLeft => ("左移一列", "scroll left"),
        ActScrollRight => ("右移一列", "scroll right"),
        ConsNothingToMerge => (
            "没有可合并的评语: 先标记两条或以上, 或选中一组相近评语 (同组编号 #) 中的一条",
            "Nothing to merge: mark two or more comments, or select one of a group of near-duplicates (same # number)",
        ),
        ConsMergeMixed => (
            "优势和改进机会不能合并为一条",
            "A strength and an OFI cannot be merged into one",
        ),
        ConsMergedFrom => ("合并自", "merged from"),
        ActUp => ("上移", "up"),
        ActDown => ("下移", "down"),
        ActPageUp => ("上翻页", "page up"),
        ActPageDown => ("下翻页", "page down"),
        ActHome => ("开头", "first"),
        ActEnd => ("末尾", "last"),
        ActOpen => ("打开/编辑", "open/edit"),
        ActBack => ("返回", "back"),
        ActNextPane => ("下一栏", "next pane"),
        ActPrevPane => ("上一栏", "previous pane"),
        ActHelp => ("帮助", "help"),
        ActQuit => ("退出", "quit"),
        ActSwitchLanguage => ("切换为 English", "switch to 中文"),
        ActUndo => ("撤销", "undo"),
        ActRedo => ("重做", "redo"),
        ActShowKeyFactors => ("概述要点", "key factors"),
        ActShowEligibility => ("资格审查", "eligibility"),
        ActShowItems => ("评分条款", "items"),
        ActShowSummary => ("汇总", "summary"),
        ActAddApplicant => ("添加", "add"),
        ActRename => ("改名", "rename"),
        ActRemove => ("删除", "remove"),
        ActDeclareConflict => ("回避声明", "recusal declaration"),
        ActStartSiteReview => ("开始现场评审", "start site review"),
        ActExportSheet => ("导出签名评分表", "export signed sheet"),
        ActToggleSeal => ("密封发送给组长 (开/关)", "seal for the leader (on/off)"),
        ActAdd => ("添加", "add"),
        ActDelete => ("删除", "delete"),
        ActMoveUp => ("上移条目", "move up"),
        ActMoveDown => ("下移条目", "move down"),
        ActGotoItem => ("跳转条款", "go to item"),
        ActNextItem => ("下一条款", "next item"),
        ActPrevItem => ("上一条款", "previous item"),
        ActScoreUp => ("加一档", "step up"),
        ActScoreDown => ("减一档", "step down"),
        ActTypeScore => ("输入分数", "type score"),
        ActClearScore => ("清除分数", "clear score"),
        ActToggleDone => ("标记完成", "mark done"),
        ActAddStrength => ("加优势", "add strength"),
        ActAddOfi => ("加改进机会", "add OFI"),
        ActAddSiteIssue => ("加现场要点", "add site-visit issue"),
        ActNextOpenIssue => ("下一待处理要点", "next open issue"),
        NoOpenIssues => ("没有待处理的现场要点", "No open site-visit issues"),
        ActEditTags => ("要求编号", "requirement tags"),
        ActEditEvidence => ("证据", "evidence"),
        ActEditNote => ("备注", "note"),
        ActCycle => ("切换状态", "cycle status"),
        ActCycleBack => ("上一状态", "previous status"),
        ActTick => ("计时", "timer"),
        ActType => ("输入", "type"),
        ActPaste => ("粘贴", "paste"),
        ActResize => ("调整窗口", "resize"),
        ActImportRound => ("导入评审轮次", "import round"),
        ImportRoundTitle => ("导入评审轮次", "Import round"),
        ImportRoundPrompt => (
            "评审组长发来的评审轮次文件（round.json）的路径：",
            "Path of the round file the group leader sent (round.json):",
        ),
        ImportRoundNote => (
            "申报对象以申报编号导入；再次导入新版本时，已写的内容全部保留。",
            "Applicants arrive under their application numbers; importing a newer version keeps every word written.",
        ),
        LocalMark => ("本机添加", "local"),
        ActRestore => ("恢复已删除的申报对象", "restore a removed applicant"),
        RestoreTitle => ("恢复已删除的申报对象", "Restore a removed applicant"),
        RestoreNone => (
            "没有可恢复的备份：尚未删除任何申报对象",
            "No backups to restore: no applicant has been removed",
        ),
        RestoreNote => (
            "Enter 恢复所选申报对象（保留其全部评分与评语）；Esc 关闭。已有同一编号的申报对象时不会覆盖。",
            "Enter restores the selected applicant with all its scores and comments; Esc closes. An applicant whose id is in use again is never overwritten.",
        ),
        Restored => ("已恢复", "Restored"),
        RenameRoundRefused => (
            "该申报对象来自评审轮次，名称以评审轮次为准，不能在本机修改；如有错误请告知评审组长",
            "This applicant comes from the round: its name is the round's and cannot be changed here; tell the group leader if it is wrong",
        ),
        ChangeConflictNote => (
            "已声明无利害关系。如后来得知有利害关系，可改为有利害关系；一经声明不可撤回。",
            "No conflict was declared. If you have since learned of a relationship, declare it now; once declared it cannot be withdrawn.",
        ),
    };
    pick(lang, zh, en)
}

/// The percent being typed with digits on the items list or the item screen.
pub fn typed_score(lang: Lang, text: &str) -> String {
    match lang {
        Lang::Zh => format!("得分率 {text}%（Enter 确认，Esc 取消，稍停自动确认）"),
        Lang::En => format!("percent {text}% (Enter to confirm, Esc to cancel, or pause)"),
    }
}

/// The items of one applicant's stage whose consensus reopened because their inputs changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reopened {
    pub applicant: String,
    pub stage: crate::review::Stage,
    pub items: Vec<String>,
}

/// The consensus items reopened because the merged sheets changed under them, by applicant
/// and stage; every other item kept what the panel agreed.
pub fn consensus_restarted(lang: Lang, reopened: &[Reopened]) -> String {
    let (sep, list_sep) = match lang {
        Lang::Zh => ("；", "、"),
        Lang::En => ("; ", ", "),
    };
    let parts: Vec<String> = reopened
        .iter()
        .map(|r| {
            format!(
                "{} {} {}",
                r.applicant,
                r.stage.label(lang),
                r.items.join(list_sep)
            )
        })
        .collect();
    match lang {
        Lang::Zh => format!(
            "评分表有变，以下条款重新合议（其余保留）：{}",
            parts.join(sep)
        ),
        Lang::En => format!(
            "sheets changed; these items reopened (the rest kept): {}",
            parts.join(sep)
        ),
    }
}

/// Why the consensus window is read-only, and what to do about it.
pub fn consensus_read_only(lang: Lang, why: crate::service::consensus::EditDenied) -> String {
    use crate::service::consensus::EditDenied as D;
    match (lang, why) {
        (Lang::Zh, D::OtherSession) => {
            "只读：另一个合议窗口正在编辑此文件夹；关闭那个窗口后重新打开即可编辑".into()
        }
        (Lang::Zh, D::NotLeader) => {
            "只读：本机密钥不是评审轮次（名单）指定的评审组长，只有组长可以合议（组长负责制）".into()
        }
        (Lang::Zh, D::NoKey) => "只读：本机没有签名密钥，无法确认是评审组长".into(),
        (Lang::En, D::OtherSession) => {
            "read-only: another consensus window is editing this folder; close it and reopen to edit".into()
        }
        (Lang::En, D::NotLeader) => {
            "read-only: this key is not the leader named by the round (roster); only the leader agrees the consensus".into()
        }
        (Lang::En, D::NoKey) => {
            "read-only: no signing key on this machine to show you are the leader".into()
        }
    }
}

/// Before an export: the items whose percent the leader has not confirmed; `key` is the export
/// key as the key map binds it.
pub fn consensus_unconfirmed(lang: Lang, items: &[String], key: &str) -> String {
    match lang {
        Lang::Zh => format!(
            "{} 个条款未确认，将按起始得分率导出：{}。再按 {key} 导出",
            items.len(),
            items.join("、")
        ),
        Lang::En => format!(
            "{} item(s) not confirmed, exported at their starting percent: {}. Press {key} again to export",
            items.len(),
            items.join(", ")
        ),
    }
}

/// The signed consensus sheet was written; `unconfirmed` items kept their starting percent.
pub fn consensus_exported(lang: Lang, path: &str, unconfirmed: usize) -> String {
    match (lang, unconfirmed) {
        (Lang::Zh, 0) => format!("已导出签名合议评分表：{path}"),
        (Lang::Zh, n) => format!("已导出签名合议评分表（{n} 个条款未确认）：{path}"),
        (Lang::En, 0) => format!("signed consensus sheet written: {path}"),
        (Lang::En, n) => {
            format!("signed consensus sheet written ({n} item(s) not confirmed): {path}")
        }
    }
}

/// The merge folder holds no applicant to agree on.
pub fn consensus_empty(lang: Lang, dir: &str) -> String {
    match lang {
        Lang::Zh => format!("{dir}：汇总结果中没有可合议的申报对象"),
        Lang::En => format!("{dir}: the merge has no applicant to agree on"),
    }
}

/// The keys the key map does not hold, for the help screen: direct scoring (issue 11), the
/// comment form, the site-visit issue dialogs and the text field's editing keys. Each section
/// is a title and its (keys, meaning) rows.
pub fn help_extra(lang: Lang) -> [(&'static str, &'static [(&'static str, &'static str)]); 4] {
    match lang {
        Lang::Zh => [
            (
                "直接打分 (条款列表和条款页)",
                &[
                    ("0-9", "输入得分率, 如 5 5 为 55%"),
                    ("Enter", "确认得分率 (停顿 1 秒也会确认)"),
                    ("Esc", "放弃输入的数字"),
                ],
            ),
            (
                "评语表单 (s 优势  o 改进机会  Enter 修改)",
                &[
                    ("Tab  Shift+Tab", "正文、证据、要求编号之间切换"),
                    ("Enter", "正文中换行; 证据、要求编号中保存"),
                    ("Ctrl+S", "保存"),
                    ("Esc", "完成 (已写入的保留; 要求编号有误时留在表单)"),
                    (
                        "2a 自评报告…",
                        "证据以本条款的要求编号开头 (空格或，、：分隔) 即记为要求编号, 栏下预览",
                    ),
                    ("Up/Down  Space", "要求编号: 选择本条款的要求并勾选"),
                    ("PgDn  PgUp", "证据、要求编号中: 保存并到下一条/上一条款"),
                ],
            ),
            (
                "现场要点 (v 新要点; 现场评审中 n 或 Enter 记录结果)",
                &[
                    (
                        "Tab  Up/Down",
                        "切换 核实/澄清, 或处理结果 (已核实、与材料不符…)",
                    ),
                    ("Left/Right", "同上, 文字为空时 (有文字时移动光标)"),
                    (
                        "Enter",
                        "保存 (结果和说明一起); 然后选中本条款的下一个待处理要点",
                    ),
                    (
                        "PgDn",
                        "结果对话框中: 保存并到下一个待处理要点 (跨条款, 同 N)",
                    ),
                    ("Esc", "关闭 (输入的文字保留)"),
                ],
            ),
            (
                "编辑文字",
                &[
                    ("Enter", "换行 (单行输入框: 完成)"),
                    ("Esc", "完成 (已自动保存)"),
                    ("Ctrl+Z", "撤销"),
                    ("Ctrl+Y  Ctrl+R", "重做"),
                    ("方向键  Home  End", "移动光标"),
                    ("Ctrl+Left  Ctrl+Right", "按词移动"),
                    ("Backspace  Delete", "删除一个字"),
                    ("Ctrl+W", "删除光标前的词"),
                    ("Ctrl+K", "删除到行尾"),
                ],
            ),
        ],
        Lang::En => [
            (
                "Direct scoring (items list and item screen)",
                &[
                    ("0-9", "type the percent: 5 5 is 55%"),
                    ("Enter", "commit the percent (a 1 s pause commits too)"),
                    ("Esc", "drop the typed digits"),
                ],
            ),
            (
                "Comment form (s strength  o OFI  Enter edit)",
                &[
                    (
                        "Tab  Shift+Tab",
                        "between text, evidence and requirement codes",
                    ),
                    ("Enter", "text: new line; evidence, codes: save"),
                    ("Ctrl+S", "save"),
                    (
                        "Esc",
                        "done (what is written stays; wrong codes keep the form)",
                    ),
                    (
                        "2a p. 12 …",
                        "evidence that starts with the item's codes (space or , : ; between) \
                         records them as codes; the split is shown under the field",
                    ),
                    (
                        "Up/Down  Space",
                        "codes: pick the item's requirements and tick",
                    ),
                    (
                        "PgDn  PgUp",
                        "evidence, codes: save and go to the next/previous item",
                    ),
                ],
            ),
            (
                "Site-visit issues (v new issue; in site review n or Enter records the outcome)",
                &[
                    (
                        "Tab  Up/Down",
                        "switch verify/clarify, or the outcome (verified, not as documented…)",
                    ),
                    (
                        "Left/Right",
                        "the same while the text is empty (with text they move the cursor)",
                    ),
                    (
                        "Enter",
                        "save (outcome and note together), then select the item's next open issue",
                    ),
                    (
                        "PgDn",
                        "outcome dialog: save and go to the next open issue (across items, as N)",
                    ),
                    ("Esc", "close (typed text kept)"),
                ],
            ),
            (
                "Editing text",
                &[
                    ("Enter", "new line (one-line fields: done)"),
                    ("Esc", "done (saved as you type)"),
                    ("Ctrl+Z", "undo"),
                    ("Ctrl+Y  Ctrl+R", "redo"),
                    ("arrows  Home  End", "move the cursor"),
                    ("Ctrl+Left  Ctrl+Right", "move by word"),
                    ("Backspace  Delete", "delete a character"),
                    ("Ctrl+W", "delete the word before"),
                    ("Ctrl+K", "delete to the end of the line"),
                ],
            ),
        ],
    }
}

/// The heat map's legend when members do not fit: how many are off each side, and the keys.
pub fn heat_scrolled(lang: Lang, left: usize, right: usize) -> String {
    super::pick_owned(
        lang,
        (
            format!("左侧 {left} 位、右侧 {right} 位成员未显示（←/→ 滚动）。"),
            format!("{left} member(s) off to the left, {right} to the right (Left/Right scroll)."),
        ),
    )
}
