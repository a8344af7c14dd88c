// Every string of the interface in Chinese (default) and English; names of places and departments
// come from the district reference (name / nameEn). A "|" in a column heading is where it breaks.

const STRINGS = {
  // header
  'app.title': ['城市运行管理指挥中心', 'City Operations Command Centre'],
  'app.subtitle': ['数字城管 · 12345 政务服务热线', 'Digital city management · 12345 hotline'],
  'app.documentTitle': ['指挥中心 · Cityloop', 'Command centre · Cityloop'],
  'period.label': ['统计周期', 'Period'],
  'period.quarter': ['季度', 'Quarter'],
  'period.month': ['月', 'Month'],
  'period.week': ['周', 'Week'],
  'asOf.label': ['数据截至', 'Data as of'],
  'live.live': ['实时', 'Live'],
  'live.connecting': ['连接中…', 'Connecting…'],
  'live.reconnecting': ['重连中…', 'Reconnecting…'],
  'live.off': ['未连接', 'Not connected'],
  'live.notForRole': ['定时刷新', 'Polling'],
  'live.title.notForRole': [
    '该身份无实时推送，每分钟刷新',
    'No live stream for this role: refreshed every minute',
  ],
  'live.lastFrame': ['最近推送 {time}', 'Last change {time}'],
  'nav.centre': ['指挥中心大屏', 'Command centre'],
  'nav.desk': ['工作台', 'Work desk'],
  'gate.toDesk': ['前往工作台', 'Go to the work desk'],
  'lang.switch': ['EN', '中文'],
  'lang.switchTitle': ['Switch to English', '切换到中文'],
  'auth.signIn': ['登录', 'Sign in'],
  'auth.switch': ['切换身份', 'Switch'],
  'auth.signOut': ['退出', 'Sign out'],
  'auth.dialogTitle': ['登录指挥中心', 'Sign in to the command centre'],
  'auth.pasteLabel': ['粘贴访问令牌（Bearer token）', 'Paste an access token (bearer token)'],
  'auth.pastePlaceholder': ['eyJhbGciOi…', 'eyJhbGciOi…'],
  'auth.useToken': ['使用此令牌', 'Use this token'],
  'auth.devPicker': ['开发环境身份', 'Development identities'],
  'auth.devPickerHint': [
    '仅在使用开发签名密钥时提供',
    'Offered only while the development signing secret is in use',
  ],
  'auth.devNone': ['未提供开发令牌（生产环境）', 'No development tokens (production)'],
  'auth.invalidToken': ['这不是有效的令牌', 'This is not a valid token'],
  'auth.expired': ['令牌已过期，请重新登录', 'The token has expired: sign in again'],
  'auth.rejected': ['服务器拒绝了令牌，请重新登录', 'The server refused the token: sign in again'],
  'auth.close': ['关闭', 'Close'],
  'auth.kioskHint': ['大屏可用地址 #token=… 免登录', 'Kiosks: open the page with #token=…'],
  'role.command': ['指挥中心', 'Command centre'],
  'role.evaluator': ['考评办', 'Evaluator'],
  'role.operator': ['12345 受理员', 'Hotline operator'],
  'role.patroller': ['网格监督员', 'Grid patroller'],
  'role.chief': ['值班长', 'Duty chief'],
  'role.dispatcher': ['派遣员', 'Dispatcher'],
  'role.department': ['专业部门', 'Department'],
  'role.importer': ['数据导入', 'Importer'],
  'role.admin': ['管理员', 'Administrator'],
  'gate.title': ['此页面为指挥中心大屏', 'This is the command centre screen'],
  'gate.body': [
    '当前身份（{role}）无权查看指挥中心数据，请在工作台办理业务。',
    'Your role ({role}) may not see the command centre figures: your work is on the work desk.',
  ],
  'gate.signedOut': ['请登录后查看', 'Sign in to see the figures'],

  // counters
  'counter.reportedToday': ['今日上报', 'Reported today'],
  'counter.open': ['在办案件', 'Open'],
  'counter.overdue': ['超期工单', 'Overdue'],
  'counter.closedToday': ['今日结案', 'Closed today'],
  'counter.today': ['{date}', '{date}'],
  'counter.now': ['当前', 'now'],
  'counter.overdueShare': ['占在办 {share}', '{share} of open'],
  'feed.title': ['实时动态', 'Live changes'],
  'feed.empty': ['等待新的变化…', 'Waiting for changes…'],

  // board
  'board.title': ['在办工单', 'Open orders'],
  'board.subtitle': ['红黄绿灯 · 按紧急程度排序', 'Traffic lights · most urgent first'],
  'board.empty': ['当前没有在办工单', 'No open orders'],
  'board.all': ['全部', 'All'],
  'board.remaining': ['剩余 {time}', '{time} left'],
  'board.overdueBy': ['超期 {time}', '{time} overdue'],
  'board.used': ['已用 {share}', '{share} used'],
  'board.deadline': ['时限 {time}', 'Due {time}'],
  'light.red': ['红灯 超时', 'Red: overdue'],
  'light.yellow': ['黄灯 将超时', 'Yellow: due soon'],
  'light.green': ['绿灯 正常', 'Green: on track'],

  // map
  'map.title': ['网格态势', 'Grid map'],
  'map.layer.open': ['在办', 'Open'],
  'map.layer.overdue': ['超期', 'Overdue'],
  'map.layer.rebounds': ['反弹', 'Rebounds'],
  'map.layer.reported': ['上报', 'Reported'],
  'map.legend.none': ['无', 'none'],
  'map.noData': ['地图数据加载失败', 'The map could not be loaded'],
  'map.hint': ['点击网格查看案件', 'Click a cell for its cases'],
  'map.overdueShort': ['超期 {n}', '{n} late'],

  // charts
  'trend.daily': ['每日上报与结案', 'Reports and closures per day'],
  'trend.weekly': ['处置用时（按周）', 'Time to dispose per week'],
  'trend.reported': ['上报', 'Reported'],
  'trend.closed': ['结案', 'Closed'],
  'trend.median': ['中位数', 'Median'],
  'trend.p90': ['P90', 'P90'],
  'trend.count': ['{n} 件', '{n} cases'],
  'trend.empty': ['本周期暂无数据', 'No data in this period'],

  // evaluation
  'eval.title': ['{quarter} 综合考评', '{quarter} evaluation'],
  'eval.live': ['实时测算', 'Live'],
  'eval.published': ['已发布 第{version}版', 'Published v{version}'],
  'eval.streets': ['街道', 'Streets'],
  'eval.departments': ['部门', 'Departments'],
  'eval.rank': ['名次', 'Rank'],
  'eval.change': ['升降', 'Change'],
  'eval.name': ['单位', 'Unit'],
  'eval.score': ['得分率', 'Score'],
  'eval.grade': ['等级', 'Grade'],
  'eval.new': ['新', 'new'],
  'eval.admonish': ['约谈', 'Admonish'],
  'eval.admonishList': ['约谈名单', 'Admonishment'],
  'eval.stillOpen': ['往期问题仍未整改', 'Findings still open from earlier'],
  'eval.none': ['无', 'None'],
  'eval.notAssessed': ['本季度无到期案件', 'No cases due this quarter'],
  'eval.parts': ['{earned} / {available} 分', '{earned} / {available} points'],
  'eval.missingParts': ['缺少：{parts}', 'Missing: {parts}'],
  'eval.part.assessment': ['部门考核', 'Assessment'],
  'eval.part.hotline': ['12345 热线', '12345 hotline'],
  'eval.part.thirdParty': ['第三方检查', 'Third-party checks'],
  'eval.part.experts': ['专家评议', 'Experts'],
  'eval.part.media': ['媒体监督', 'Media'],
  'eval.detail.subtitle': ['{quarter} 综合考评 · 第 {rank} 名', '{quarter} evaluation · rank {rank}'],
  'eval.detail.parts': ['得分构成', 'Parts of the score'],
  'eval.detail.part': ['组成部分', 'Part'],
  'eval.detail.points': ['分值', 'Points'],
  'eval.detail.partScore': ['得分（百分制）', 'Score (0–100)'],
  'eval.detail.earned': ['计分', 'Earned'],
  'eval.detail.noData': ['无数据', 'no data'],
  'eval.detail.notImported': ['尚未导入', 'not imported yet'],
  'eval.detail.total': ['合计（按已有部分折算）', 'Total (over the parts with data)'],
  'eval.detail.composite': ['部门考核指标 · 综合 {score}', 'Assessment indicators · composite {score}'],
  'eval.detail.indicator': ['指标', 'Indicator'],
  'eval.detail.weight': ['权重', 'Weight'],
  'eval.detail.rate': ['比率', 'Rate'],
  'eval.detail.cases': ['案件', 'Cases'],
  'eval.detail.scorePoints': ['得分', 'Points'],
  'eval.detail.lowerBetter': ['越低越好：按 1 − 比率 计分', 'lower is better: scored as 1 − rate'],
  'eval.detail.hint': ['点击指标查看其案件', 'Click an indicator for its cases'],
  'eval.detail.findings': ['考评问题', 'Findings'],
  'eval.detail.noFindings': ['无', 'None'],
  'eval.finding.open': ['未整改', 'open'],
  'eval.finding.resolved': ['已整改', 'resolved'],

  // spots
  'spots.title': ['反弹热点', 'Rebound hot spots'],
  'spots.repeat': ['高频问题点位（≥{n} 次上报）', 'Repeat-problem spots (≥{n} reports)'],
  'spots.rebounds': ['整治反弹', 'Rebounds'],
  'spots.reports': ['{n} 次', '{n} reports'],
  'spots.noSpots': ['本周期无高频点位', 'No repeat spots in this period'],
  'spots.noRebounds': ['本周期无反弹', 'No rebounds in this period'],
  'spots.after': ['结案后 {time} 反弹 · {m} 米', 'back {time} after closure · {m} m'],

  // tables
  'tables.streets': ['街道', 'Streets'],
  'tables.departments': ['专业部门', 'Departments'],
  'tables.csv': ['导出 CSV', 'Download CSV'],
  'tables.provisional': ['* 暂定：反弹观察期未满', '* Provisional: the rebound window is still open'],
  'tables.empty': ['本周期暂无数据', 'No data in this period'],
  'tables.hint': ['点击表头排序，点击数字查看案件', 'Click a heading to sort, a figure for its cases'],
  'col.name': ['名称', 'Name'],
  'col.reported': ['上报', 'Reported'],
  'col.proactiveRate': ['主动|发现率', 'Proactive|discovery'],
  'col.missedReports': ['漏报', 'Missed'],
  'col.timeToDiscover': ['发现|用时', 'Time to|discover'],
  'col.unknownOnset': ['发现时间|未知', 'Onset|unknown'],
  'col.timeToFile': ['立案|用时', 'Time to|file'],
  'col.timeToDispatch': ['派遣|用时', 'Time to|dispatch'],
  'col.disposeWorking': ['处置用时|工作时间', 'Dispose|working'],
  'col.disposeWorkingP90': ['处置 P90|工作时间', 'Dispose P90|working'],
  'col.disposeCalendar': ['处置用时|自然时间', 'Dispose|calendar'],
  'col.timeToClose': ['结案|用时', 'Time to|close'],
  'col.due': ['应处置', 'Due'],
  'col.disposal': ['处置率', 'Disposal'],
  'col.onTimeDisposal': ['按期|处置率', 'On-time|disposal'],
  'col.rework': ['返工率', 'Rework'],
  'col.overdueOpen': ['超期|待处置率', 'Overdue|open'],
  'col.extension': ['延期率', 'Extension'],
  'col.closure': ['结案率', 'Closure'],
  'col.onTimeClosure': ['按期|结案率', 'On-time|closure'],
  'col.wrongDispatch': ['错派率', 'Wrong|dispatch'],
  'col.rebound': ['反弹率', 'Rebound'],
  'col.hotlineResponse': ['响应率', 'Response'],
  'col.hotlineResolution': ['解决率', 'Resolution'],
  'col.hotlineSatisfaction': ['满意率', 'Satisfaction'],
  'group.discover': ['发现', 'Discovery'],
  'group.speed': ['速度（中位数）', 'Speed (median)'],
  'group.rates': ['到期案件', 'Cases due'],
  'group.hotline': ['12345 热线', '12345 hotline'],

  // drawer
  'drawer.close': ['关闭', 'Close'],
  'drawer.back': ['‹ 返回', '‹ Back'],
  'drawer.loading': ['加载中…', 'Loading…'],
  'drawer.empty': ['没有案件', 'No cases'],
  'drawer.count': ['共 {n} 件', '{n} cases'],
  'drawer.countedOf': ['计入 {n} / {d}', 'counted {n} of {d}'],
  'drawer.counted': ['计入', 'counted'],
  'drawer.notCounted': ['不计入', 'not counted'],
  'drawer.case': ['案件', 'Case'],
  'drawer.at': ['时间', 'Time'],
  'drawer.category': ['类别', 'Category'],
  'drawer.place': ['位置', 'Place'],
  'drawer.department': ['部门', 'Department'],
  'drawer.status': ['状态', 'Status'],
  'drawer.value': ['数值', 'Value'],
  'drawer.deadline': ['处置时限', 'Deadline'],
  'drawer.timeline': ['办理过程', 'Timeline'],
  'drawer.caseId': ['案件编号', 'Case id'],
  'drawer.reportedIn': ['本周期上报', 'Reported in the period'],
  'drawer.rebound': ['反弹', 'Rebound'],
  'drawer.reboundOf': ['原案件', 'Original case'],
  'drawer.reboundCase': ['反弹案件', 'Rebound case'],
  'drawer.truncated': ['仅显示前 {n} 件', 'Showing the first {n}'],

  // figures in drawer titles
  'figure.reportedToday': ['今日上报', 'Reported today'],
  'figure.closedToday': ['今日结案', 'Closed today'],
  'figure.open': ['在办工单', 'Open orders'],
  'figure.overdue': ['超期工单', 'Overdue orders'],
  'figure.day.reported': ['{date} 上报', 'Reported on {date}'],
  'figure.day.closed': ['{date} 结案', 'Closed on {date}'],
  'figure.week.dispose': ['{week} 处置完成', 'Disposed in {week}'],
  'figure.spot': ['{cell} · {category}', '{cell} · {category}'],
  'figure.rebounds': ['{name} · 反弹', '{name} · rebounds'],

  // statuses
  'status.reported': ['已上报', 'Reported'],
  'status.filed': ['已立案', 'Filed'],
  'status.rejected': ['不予立案', 'Rejected'],
  'status.dispatched': ['已派遣', 'Dispatched'],
  'status.signed': ['已签收', 'Signed'],
  'status.disposed': ['已处置待核查', 'Disposed'],
  'status.rework': ['返工', 'Rework'],
  'status.postponed': ['缓办', 'Postponed'],
  'status.closed': ['已结案', 'Closed'],
  'status.reopened': ['重办', 'Reopened'],
  'status.returned': ['已退单', 'Returned'],

  // timeline events
  'event.CaseReported': ['上报', 'Reported'],
  'event.ReportAttached': ['重复上报并案', 'Duplicate report attached'],
  'event.PatrolPassLogged': ['巡查记录', 'Patrol pass'],
  'event.CaseFiled': ['立案', 'Filed'],
  'event.CaseRejected': ['不予立案', 'Rejected'],
  'event.CaseDispatched': ['派遣', 'Dispatched'],
  'event.OrderReceived': ['部门收到工单', 'Order received'],
  'event.OrderSigned': ['签收', 'Signed'],
  'event.OrderReturned': ['退单', 'Returned by the department'],
  'event.ReturnApproved': ['同意退单', 'Return approved'],
  'event.ReturnRejected': ['驳回退单', 'Return rejected'],
  'event.ExtensionRequested': ['申请延期', 'Extension requested'],
  'event.ExtensionApproved': ['同意延期', 'Extension approved'],
  'event.ExtensionDenied': ['驳回延期', 'Extension denied'],
  'event.ExtensionRequestClosed': ['延期申请办结', 'Extension request closed'],
  'event.OrderDeadlineExtended': ['时限已延长', 'Deadline extended'],
  'event.OrderDeadlineMoved': ['时限调整', 'Deadline moved'],
  'event.DeadlineReminderRaised': ['临期提醒（催办）', 'Deadline reminder'],
  'event.OrderEscalated': ['超期督办', 'Escalated: overdue'],
  'event.CasePostponed': ['缓办', 'Postponed'],
  'event.CaseResumed': ['恢复办理', 'Resumed'],
  'event.DisposalReported': ['处理反馈', 'Disposal reported'],
  'event.OrderSentBackForRework': ['退回返工', 'Sent back for rework'],
  'event.OrderClosed': ['工单办结', 'Order closed'],
  'event.OrderReinstated': ['工单恢复', 'Order reinstated'],
  'event.VerificationOpened': ['待核查', 'Check opened'],
  'event.VerificationPassed': ['核查通过', 'Check passed'],
  'event.VerificationFailed': ['核查未通过', 'Check failed'],
  'event.CaseClosed': ['结案', 'Closed'],
  'event.CaseReopened': ['重办', 'Reopened'],
  'event.FollowUpRecorded': ['回访', 'Caller follow-up'],

  // timeline fields
  'field.description': ['问题描述', 'Description'],
  'field.addressText': ['地址', 'Address'],
  'field.source': ['来源', 'Source'],
  'field.urgency': ['紧急程度', 'Urgency'],
  'field.notes': ['说明', 'Notes'],
  'field.reason': ['原因', 'Reason'],
  'field.satisfaction': ['满意度', 'Satisfaction'],
  'field.departmentId': ['部门', 'Department'],
  'field.deadlineAt': ['时限', 'Deadline'],
  'field.timeLimit': ['处置时限', 'Time limit'],
  'field.hours': ['延期时长', 'Extension'],
  'field.onsetAt': ['问题始于', 'Since'],
  'field.automatic': ['自动', 'automatic'],
  'field.evidence': ['佐证材料 {n} 份', '{n} pieces of evidence'],
  'source.hotline': ['12345 热线', '12345 hotline'],
  'source.patrol': ['监督员巡查', 'Patrol'],
  'source.video': ['视频发现', 'Video'],
  'source.app': ['市民 App', 'App'],
  'source.open311': ['Open311', 'Open311'],
  'source.import': ['导入', 'Import'],
  'urgency.normal': ['一般', 'normal'],
  'urgency.urgent': ['紧急', 'urgent'],
  'satisfaction.satisfied': ['满意', 'satisfied'],
  'satisfaction.basically': ['基本满意', 'basically satisfied'],
  'satisfaction.unsatisfied': ['不满意', 'unsatisfied'],
  'reason.wrong-area': ['属地不符', 'wrong area'],
  'reason.unclear-ownership': ['权属不清', 'unclear ownership'],
  'reason.not-our-duty': ['非本部门职责', 'not our duty'],
  'reason.other': ['其他', 'other'],
  'unit.workingHours': ['{n} 工作小时', '{n} working hours'],
  'unit.workingDays': ['{n} 工作日', '{n} working days'],
  'unit.calendarHours': ['{n} 小时', '{n} hours'],
  'unit.calendarDays': ['{n} 天', '{n} days'],

  // durations and numbers
  'dur.s': ['{s}秒', '{s} s'],
  'dur.m': ['{m}分', '{m} min'],
  'dur.hm': ['{h}小时{m}分', '{h} h {m} min'],
  'dur.h': ['{h}小时', '{h} h'],
  'dur.dh': ['{d}天{h}小时', '{d} d {h} h'],
  'dur.d': ['{d}天', '{d} d'],

  // errors
  'error.network': ['无法连接服务器', 'Cannot reach the server'],
  'error.forbidden': ['当前身份无权查看', 'Your role may not see this'],
  'error.notFound': ['接口尚未提供', 'Not available yet'],
  'error.generic': ['加载失败：{message}', 'Failed: {message}'],
  'error.retry': ['重试', 'Retry'],
  weekday: [
    ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'],
    ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
  ],
};

const LANGS = ['zh', 'en'];
const STORAGE_KEY = 'cityloop.lang';
let current = LANGS.includes(localStorage.getItem(STORAGE_KEY)) ? localStorage.getItem(STORAGE_KEY) : 'zh';
const listeners = new Set();

export const lang = () => current;

export function setLang(next) {
  if (!LANGS.includes(next) || next === current) return;
  current = next;
  localStorage.setItem(STORAGE_KEY, next);
  applyStatic();
  for (const fn of listeners) fn(next);
}

export const onLangChange = (fn) => listeners.add(fn);

/** The string for key in the current language, with {name} placeholders filled from params. */
export function t(key, params) {
  const entry = STRINGS[key];
  if (!entry) return key;
  const text = entry[current === 'en' ? 1 : 0];
  if (!params || typeof text !== 'string') return text;
  return text.replace(/\{(\w+)\}/g, (_, name) => (name in params ? String(params[name]) : `{${name}}`));
}

/** The same as one line: column headings break at "|" ("按期|处置率"), titles do not. */
export const tLine = (key, params) => {
  const text = t(key, params);
  return typeof text === 'string' ? text.replace(/\|/g, current === 'en' ? ' ' : '') : text;
};

/** A key that may not exist (an event type we do not know yet): the fallback is shown as is. */
export const tOr = (key, fallback, params) => (key in STRINGS ? t(key, params) : fallback);

/** name or nameEn of a street, department, category, district... */
export const nameOf = (thing) =>
  thing ? (current === 'en' && thing.nameEn ? thing.nameEn : (thing.name ?? '')) : '';

/** Fill every [data-i18n] element (textContent) and [data-i18n-title] / [data-i18n-placeholder]. */
export function applyStatic(root = document) {
  document.documentElement.lang = current === 'en' ? 'en' : 'zh-CN';
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-title]')) el.title = t(el.dataset.i18nTitle);
  for (const el of root.querySelectorAll('[data-i18n-placeholder]'))
    el.placeholder = t(el.dataset.i18nPlaceholder);
}

/** A page's own strings (the work desks), same shape as STRINGS: {key: [zh, en]}. */
export function addStrings(more) {
  Object.assign(STRINGS, more);
}

/** For a check that both languages carry every key. */
export const keys = () => Object.keys(STRINGS);
