// The month and day names of the locales MySQL knows, as its locale tables hold them (the
// names lc_time_names makes DATE_FORMAT, MONTHNAME and DAYNAME write). Locales of one
// language share a table. (types/)
#include <algorithm>
#include <utility>

#include "types/locale.h"

namespace porpoise::types {
namespace {

// {months}, {month abbreviations}, {days from Monday}, {day abbreviations}.
constexpr TimeNames kEnUs = {
    {"January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December"},
    {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
    {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"},
    {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"},
};
constexpr TimeNames kJaJp = {
    {"1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"},
    {" 1月", " 2月", " 3月", " 4月", " 5月", " 6月", " 7月", " 8月", " 9月", "10月", "11月", "12月"},
    {"月曜日", "火曜日", "水曜日", "木曜日", "金曜日", "土曜日", "日曜日"},
    {"月", "火", "水", "木", "金", "土", "日"},
};
constexpr TimeNames kSvSe = {
    {"januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
     "oktober", "november", "december"},
    {"jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"},
    {"måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"},
    {"mån", "tis", "ons", "tor", "fre", "lör", "sön"},
};
constexpr TimeNames kDeDe = {
    {"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
     "November", "Dezember"},
    {"Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"},
    {"Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"},
    {"Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"},
};
constexpr TimeNames kFrFr = {
    {"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
     "octobre", "novembre", "décembre"},
    {"jan", "fév", "mar", "avr", "mai", "jun", "jui", "aoû", "sep", "oct", "nov", "déc"},
    {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"},
    {"lun", "mar", "mer", "jeu", "ven", "sam", "dim"},
};
constexpr TimeNames kArAe = {
    {"يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر",
     "نوفمبر", "ديسمبر"},
    {"ينا", "فبر", "مار", "أبر", "ماي", "يون", "يول", "أغس", "سبت", "أكت", "نوف", "ديس"},
    {"الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت ", "الأحد"},
    {"ن", "ث", "ر", "خ", "ج", "س", "ح"},
};
constexpr TimeNames kArBh = {
    {"يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر",
     "نوفمبر", "ديسمبر"},
    {"ينا", "فبر", "مار", "أبر", "ماي", "يون", "يول", "أغس", "سبت", "أكت", "نوف", "ديس"},
    {"الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"},
    {"ن", "ث", "ر", "خ", "ج", "س", "ح"},
};
constexpr TimeNames kArJo = {
    {"كانون الثاني", "شباط", "آذار", "نيسان", "نوار", "حزيران", "تموز", "آب", "أيلول",
     "تشرين الأول", "تشرين الثاني", "كانون الأول"},
    {"كانون الثاني", "شباط", "آذار", "نيسان", "نوار", "حزيران", "تموز", "آب", "أيلول",
     "تشرين الأول", "تشرين الثاني", "كانون الأول"},
    {"الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"},
    {"الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"},
};
constexpr TimeNames kArSa = {
    {"كانون الثاني", "شباط", "آذار", "نيسـان", "أيار", "حزيران", "تـمـوز", "آب", "أيلول",
     "تشرين الأول", "تشرين الثاني", "كانون الأول"},
    {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
    {"الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعـة", "السبت", "الأحد"},
    {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"},
};
constexpr TimeNames kArSy = {
    {"كانون الثاني", "شباط", "آذار", "نيسان", "نواران", "حزير", "تموز", "آب", "أيلول",
     "تشرين الأول", "تشرين الثاني", "كانون الأول"},
    {"كانون الثاني", "شباط", "آذار", "نيسان", "نوار", "حزيران", "تموز", "آب", "أيلول",
     "تشرين الأول", "تشرين الثاني", "كانون الأول"},
    {"الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"},
    {"الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"},
};
constexpr TimeNames kBeBy = {
    {"Студзень", "Люты", "Сакавік", "Красавік", "Травень", "Чэрвень", "Ліпень", "Жнівень",
     "Верасень", "Кастрычнік", "Лістапад", "Снежань"},
    {"Стд", "Лют", "Сак", "Крс", "Тра", "Чэр", "Ліп", "Жнв", "Врс", "Кст", "Ліс", "Снж"},
    {"Панядзелак", "Аўторак", "Серада", "Чацвер", "Пятніца", "Субота", "Нядзеля"},
    {"Пан", "Аўт", "Срд", "Чцв", "Пят", "Суб", "Няд"},
};
constexpr TimeNames kBgBg = {
    {"януари", "февруари", "март", "април", "май", "юни", "юли", "август", "септември", "октомври",
     "ноември", "декември"},
    {"яну", "фев", "мар", "апр", "май", "юни", "юли", "авг", "сеп", "окт", "ное", "дек"},
    {"понеделник", "вторник", "сряда", "четвъртък", "петък", "събота", "неделя"},
    {"пн", "вт", "ср", "чт", "пт", "сб", "нд"},
};
constexpr TimeNames kCaEs = {
    {"gener", "febrer", "març", "abril", "maig", "juny", "juliol", "agost", "setembre", "octubre",
     "novembre", "desembre"},
    {"gen", "feb", "mar", "abr", "mai", "jun", "jul", "ago", "set", "oct", "nov", "des"},
    {"dilluns", "dimarts", "dimecres", "dijous", "divendres", "dissabte", "diumenge"},
    {"dl", "dt", "dc", "dj", "dv", "ds", "dg"},
};
constexpr TimeNames kCsCz = {
    {"leden", "únor", "březen", "duben", "květen", "červen", "červenec", "srpen", "září", "říjen",
     "listopad", "prosinec"},
    {"led", "úno", "bře", "dub", "kvě", "čen", "čec", "srp", "zář", "říj", "lis", "pro"},
    {"Pondělí", "Úterý", "Středa", "Čtvrtek", "Pátek", "Sobota", "Neděle"},
    {"Po", "Út", "St", "Čt", "Pá", "So", "Ne"},
};
constexpr TimeNames kDaDk = {
    {"januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
     "oktober", "november", "december"},
    {"jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"},
    {"mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"},
    {"man", "tir", "ons", "tor", "fre", "lør", "søn"},
};
constexpr TimeNames kDeAt = {
    {"Jänner", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
     "November", "Dezember"},
    {"Jän", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"},
    {"Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"},
    {"Mon", "Die", "Mit", "Don", "Fre", "Sam", "Son"},
};
constexpr TimeNames kEsEs = {
    {"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
     "octubre", "noviembre", "diciembre"},
    {"ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"},
    {"lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"},
    {"lun", "mar", "mié", "jue", "vie", "sáb", "dom"},
};
constexpr TimeNames kEtEe = {
    {"jaanuar", "veebruar", "märts", "aprill", "mai", "juuni", "juuli", "august", "september",
     "oktoober", "november", "detsember"},
    {"jaan ", "veebr", "märts", "apr  ", "mai  ", "juuni", "juuli", "aug  ", "sept ", "okt  ",
     "nov  ", "dets "},
    {"esmaspäev", "teisipäev", "kolmapäev", "neljapäev", "reede", "laupäev", "pühapäev"},
    {"E", "T", "K", "N", "R", "L", "P"},
};
constexpr TimeNames kEuEs = {
    {"urtarrila", "otsaila", "martxoa", "apirila", "maiatza", "ekaina", "uztaila", "abuztua",
     "iraila", "urria", "azaroa", "abendua"},
    {"urt", "ots", "mar", "api", "mai", "eka", "uzt", "abu", "ira", "urr", "aza", "abe"},
    {"astelehena", "asteartea", "asteazkena", "osteguna", "ostirala", "larunbata", "igandea"},
    {"al.", "ar.", "az.", "og.", "or.", "lr.", "ig."},
};
constexpr TimeNames kFiFi = {
    {"tammikuu", "helmikuu", "maaliskuu", "huhtikuu", "toukokuu", "kesäkuu", "heinäkuu", "elokuu",
     "syyskuu", "lokakuu", "marraskuu", "joulukuu"},
    {"tammi ", "helmi ", "maalis", "huhti ", "touko ", "kesä  ", "heinä ", "elo   ", "syys  ",
     "loka  ", "marras", "joulu "},
    {"maanantai", "tiistai", "keskiviikko", "torstai", "perjantai", "lauantai", "sunnuntai"},
    {"ma", "ti", "ke", "to", "pe", "la", "su"},
};
constexpr TimeNames kFoFo = {
    {"januar", "februar", "mars", "apríl", "mai", "juni", "juli", "august", "september", "oktober",
     "november", "desember"},
    {"jan", "feb", "mar", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "des"},
    {"mánadagur", "týsdagur", "mikudagur", "hósdagur", "fríggjadagur", "leygardagur",
     "sunnudagur"},
    {"mán", "týs", "mik", "hós", "frí", "ley", "sun"},
};
constexpr TimeNames kGlEs = {
    {"Xaneiro", "Febreiro", "Marzo", "Abril", "Maio", "Xuño", "Xullo", "Agosto", "Setembro",
     "Outubro", "Novembro", "Decembro"},
    {"Xan", "Feb", "Mar", "Abr", "Mai", "Xuñ", "Xul", "Ago", "Set", "Out", "Nov", "Dec"},
    {"Luns", "Martes", "Mércores", "Xoves", "Venres", "Sábado", "Domingo"},
    {"Lun", "Mar", "Mér", "Xov", "Ven", "Sáb", "Dom"},
};
constexpr TimeNames kGuIn = {
    {"જાન્યુઆરી", "ફેબ્રુઆરી", "માર્ચ", "એપ્રિલ", "મે", "જુન", "જુલાઇ", "ઓગસ્ટ", "સેપ્ટેમ્બર",
     "ઓક્ટોબર", "નવેમ્બર", "ડિસેમ્બર"},
    {"જાન", "ફેબ", "માર", "એપ્ર", "મે", "જુન", "જુલ", "ઓગ", "સેપ્ટ", "ઓક્ટ", "નોવ", "ડિસ"},
    {"સોમવાર", "મન્ગળવાર", "બુધવાર", "ગુરુવાર", "શુક્રવાર", "શનિવાર", "રવિવાર"},
    {"સોમ", "મન્ગળ", "બુધ", "ગુરુ", "શુક્ર", "શનિ", "રવિ"},
};
constexpr TimeNames kHeIl = {
    {"ינואר", "פברואר", "מרץ", "אפריל", "מאי", "יוני", "יולי", "אוגוסט", "ספטמבר", "אוקטובר",
     "נובמבר", "דצמבר"},
    {"ינו", "פבר", "מרץ", "אפר", "מאי", "יונ", "יול", "אוג", "ספט", "אוק", "נוב", "דצמ"},
    {"שני", "שלישי", "רביעי", "חמישי", "שישי", "שבת", "ראשון"},
    {"ב'", "ג'", "ד'", "ה'", "ו'", "ש'", "א'"},
};
constexpr TimeNames kHiIn = {
    {"जनवरी", "फ़रवरी", "मार्च", "अप्रेल", "मई", "जून", "जुलाई", "अगस्त", "सितम्बर", "अक्टूबर",
     "नवम्बर", "दिसम्बर"},
    {"जनवरी", "फ़रवरी", "मार्च", "अप्रेल", "मई", "जून", "जुलाई", "अगस्त", "सितम्बर", "अक्टूबर",
     "नवम्बर", "दिसम्बर"},
    {"सोमवार ", "मंगलवार ", "बुधवार ", "गुरुवार ", "शुक्रवार ", "शनिवार ", "रविवार "},
    {"सोम ", "मंगल ", "बुध ", "गुरु ", "शुक्र ", "शनि ", "रवि "},
};
constexpr TimeNames kHrHr = {
    {"Siječanj", "Veljača", "Ožujak", "Travanj", "Svibanj", "Lipanj", "Srpanj", "Kolovoz", "Rujan",
     "Listopad", "Studeni", "Prosinac"},
    {"Sij", "Vel", "Ožu", "Tra", "Svi", "Lip", "Srp", "Kol", "Ruj", "Lis", "Stu", "Pro"},
    {"Ponedjeljak", "Utorak", "Srijeda", "Četvrtak", "Petak", "Subota", "Nedjelja"},
    {"Pon", "Uto", "Sri", "Čet", "Pet", "Sub", "Ned"},
};
constexpr TimeNames kHuHu = {
    {"január", "február", "március", "április", "május", "június", "július", "augusztus",
     "szeptember", "október", "november", "december"},
    {"jan", "feb", "már", "ápr", "máj", "jún", "júl", "aug", "sze", "okt", "nov", "dec"},
    {"hétfő", "kedd", "szerda", "csütörtök", "péntek", "szombat", "vasárnap"},
    {"h", "k", "sze", "cs", "p", "szo", "v"},
};
constexpr TimeNames kIdId = {
    {"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
     "Oktober", "November", "Desember"},
    {"Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"},
    {"Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"},
    {"Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min"},
};
constexpr TimeNames kIsIs = {
    {"janúar", "febrúar", "mars", "apríl", "maí", "júní", "júlí", "ágúst", "september", "október",
     "nóvember", "desember"},
    {"jan", "feb", "mar", "apr", "maí", "jún", "júl", "ágú", "sep", "okt", "nóv", "des"},
    {"mánudagur", "þriðjudagur", "miðvikudagur", "fimmtudagur", "föstudagur", "laugardagur",
     "sunnudagur"},
    {"mán", "þri", "mið", "fim", "fös", "lau", "sun"},
};
constexpr TimeNames kItCh = {
    {"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre",
     "ottobre", "novembre", "dicembre"},
    {"gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic"},
    {"lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"},
    {"lun", "mar", "mer", "gio", "ven", "sab", "dom"},
};
constexpr TimeNames kKoKr = {
    {"일월", "이월", "삼월", "사월", "오월", "유월", "칠월", "팔월", "구월", "시월", "십일월", "십이월"},
    {" 1월", " 2월", " 3월", " 4월", " 5월", " 6월", " 7월", " 8월", " 9월", "10월", "11월", "12월"},
    {"월요일", "화요일", "수요일", "목요일", "금요일", "토요일", "일요일"},
    {"월", "화", "수", "목", "금", "토", "일"},
};
constexpr TimeNames kLtLt = {
    {"sausio", "vasario", "kovo", "balandžio", "gegužės", "birželio", "liepos", "rugpjūčio",
     "rugsėjo", "spalio", "lapkričio", "gruodžio"},
    {"Sau", "Vas", "Kov", "Bal", "Geg", "Bir", "Lie", "Rgp", "Rgs", "Spa", "Lap", "Grd"},
    {"Pirmadienis", "Antradienis", "Trečiadienis", "Ketvirtadienis", "Penktadienis", "Šeštadienis",
     "Sekmadienis"},
    {"Pr", "An", "Tr", "Kt", "Pn", "Št", "Sk"},
};
constexpr TimeNames kLvLv = {
    {"janvāris", "februāris", "marts", "aprīlis", "maijs", "jūnijs", "jūlijs", "augusts",
     "septembris", "oktobris", "novembris", "decembris"},
    {"jan", "feb", "mar", "apr", "mai", "jūn", "jūl", "aug", "sep", "okt", "nov", "dec"},
    {"pirmdiena", "otrdiena", "trešdiena", "ceturtdiena", "piektdiena", "sestdiena", "svētdiena"},
    {"P ", "O ", "T ", "C ", "Pk", "S ", "Sv"},
};
constexpr TimeNames kMkMk = {
    {"јануари", "февруари", "март", "април", "мај", "јуни", "јули", "август", "септември",
     "октомври", "ноември", "декември"},
    {"јан", "фев", "мар", "апр", "мај", "јун", "јул", "авг", "сеп", "окт", "ное", "дек"},
    {"понеделник", "вторник", "среда", "четврток", "петок", "сабота", "недела"},
    {"пон", "вто", "сре", "чет", "пет", "саб", "нед"},
};
constexpr TimeNames kMnMn = {
    {"Нэгдүгээр сар", "Хоёрдугаар сар", "Гуравдугаар сар", "Дөрөвдүгээр сар", "Тавдугаар сар",
     "Зургаадугар сар", "Долоодугаар сар", "Наймдугаар сар", "Есдүгээр сар", "Аравдугаар сар",
     "Арваннэгдүгээр сар", "Арванхоёрдгаар сар"},
    {"1-р", "2-р", "3-р", "4-р", "5-р", "6-р", "7-р", "8-р", "9-р", "10-р", "11-р", "12-р"},
    {"Даваа", "Мягмар", "Лхагва", "Пүрэв", "Баасан", "Бямба", "Ням"},
    {"Да", "Мя", "Лх", "Пү", "Ба", "Бя", "Ня"},
};
constexpr TimeNames kMsMy = {
    {"Januari", "Februari", "Mac", "April", "Mei", "Jun", "Julai", "Ogos", "September", "Oktober",
     "November", "Disember"},
    {"Jan", "Feb", "Mac", "Apr", "Mei", "Jun", "Jul", "Ogos", "Sep", "Okt", "Nov", "Dis"},
    {"Isnin", "Selasa", "Rabu", "Khamis", "Jumaat", "Sabtu", "Ahad"},
    {"Isn", "Sel", "Rab", "Kha", "Jum", "Sab", "Ahd"},
};
constexpr TimeNames kNbNo = {
    {"januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
     "november", "desember"},
    {"jan", "feb", "mar", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "des"},
    {"mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"},
    {"man", "tir", "ons", "tor", "fre", "lør", "søn"},
};
constexpr TimeNames kNlNl = {
    {"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
     "oktober", "november", "december"},
    {"jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"},
    {"maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"},
    {"ma", "di", "wo", "do", "vr", "za", "zo"},
};
constexpr TimeNames kPlPl = {
    {"styczeń", "luty", "marzec", "kwiecień", "maj", "czerwiec", "lipiec", "sierpień", "wrzesień",
     "październik", "listopad", "grudzień"},
    {"sty", "lut", "mar", "kwi", "maj", "cze", "lip", "sie", "wrz", "paź", "lis", "gru"},
    {"poniedziałek", "wtorek", "środa", "czwartek", "piątek", "sobota", "niedziela"},
    {"pon", "wto", "śro", "czw", "pią", "sob", "nie"},
};
constexpr TimeNames kPtBr = {
    {"janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro",
     "outubro", "novembro", "dezembro"},
    {"Jan", "Fev", "Mar", "Abr", "Mai", "Jun", "Jul", "Ago", "Set", "Out", "Nov", "Dez"},
    {"segunda", "terça", "quarta", "quinta", "sexta", "sábado", "domingo"},
    {"Seg", "Ter", "Qua", "Qui", "Sex", "Sáb", "Dom"},
};
constexpr TimeNames kPtPt = {
    {"Janeiro", "Fevereiro", "Março", "Abril", "Maio", "Junho", "Julho", "Agosto", "Setembro",
     "Outubro", "Novembro", "Dezembro"},
    {"Jan", "Fev", "Mar", "Abr", "Mai", "Jun", "Jul", "Ago", "Set", "Out", "Nov", "Dez"},
    {"Segunda", "Terça", "Quarta", "Quinta", "Sexta", "Sábado", "Domingo"},
    {"Seg", "Ter", "Qua", "Qui", "Sex", "Sáb", "Dom"},
};
constexpr TimeNames kRoRo = {
    {"Ianuarie", "Februarie", "Martie", "Aprilie", "Mai", "Iunie", "Iulie", "August", "Septembrie",
     "Octombrie", "Noiembrie", "Decembrie"},
    {"ian", "feb", "mar", "apr", "mai", "iun", "iul", "aug", "sep", "oct", "nov", "dec"},
    {"Luni", "Marţi", "Miercuri", "Joi", "Vineri", "Sâmbătă", "Duminică"},
    {"Lu", "Ma", "Mi", "Jo", "Vi", "Sâ", "Du"},
};
constexpr TimeNames kRuRu = {
    {"Января", "Февраля", "Марта", "Апреля", "Мая", "Июня", "Июля", "Августа", "Сентября",
     "Октября", "Ноября", "Декабря"},
    {"Янв", "Фев", "Мар", "Апр", "Май", "Июн", "Июл", "Авг", "Сен", "Окт", "Ноя", "Дек"},
    {"Понедельник", "Вторник", "Среда", "Четверг", "Пятница", "Суббота", "Воскресенье"},
    {"Пнд", "Втр", "Срд", "Чтв", "Птн", "Сбт", "Вск"},
};
constexpr TimeNames kRuUa = {
    {"Январь", "Февраль", "Март", "Апрель", "Май", "Июнь", "Июль", "Август", "Сентябрь", "Октябрь",
     "Ноябрь", "Декабрь"},
    {"Янв", "Фев", "Мар", "Апр", "Май", "Июн", "Июл", "Авг", "Сен", "Окт", "Ноя", "Дек"},
    {"Понедельник", "Вторник", "Среда", "Четверг", "Пятница", "Суббота", "Воскресенье"},
    {"Пнд", "Вто", "Срд", "Чтв", "Птн", "Суб", "Вск"},
};
constexpr TimeNames kSkSk = {
    {"január", "február", "marec", "apríl", "máj", "jún", "júl", "august", "september", "október",
     "november", "december"},
    {"jan", "feb", "mar", "apr", "máj", "jún", "júl", "aug", "sep", "okt", "nov", "dec"},
    {"Pondelok", "Utorok", "Streda", "Štvrtok", "Piatok", "Sobota", "Nedeľa"},
    {"Po", "Ut", "St", "Št", "Pi", "So", "Ne"},
};
constexpr TimeNames kSlSi = {
    {"januar", "februar", "marec", "april", "maj", "junij", "julij", "avgust", "september",
     "oktober", "november", "december"},
    {"jan", "feb", "mar", "apr", "maj", "jun", "jul", "avg", "sep", "okt", "nov", "dec"},
    {"ponedeljek", "torek", "sreda", "četrtek", "petek", "sobota", "nedelja"},
    {"pon", "tor", "sre", "čet", "pet", "sob", "ned"},
};
constexpr TimeNames kSqAl = {
    {"janar", "shkurt", "mars", "prill", "maj", "qershor", "korrik", "gusht", "shtator", "tetor",
     "nëntor", "dhjetor"},
    {"Jan", "Shk", "Mar", "Pri", "Maj", "Qer", "Kor", "Gsh", "Sht", "Tet", "Nën", "Dhj"},
    {"e hënë ", "e martë ", "e mërkurë ", "e enjte ", "e premte ", "e shtunë ", "e diel "},
    {"Hën ", "Mar ", "Mër ", "Enj ", "Pre ", "Sht ", "Die "},
};
constexpr TimeNames kSrRs = {
    {"januar", "februar", "mart", "april", "maj", "juni", "juli", "avgust", "septembar", "oktobar",
     "novembar", "decembar"},
    {"jan", "feb", "mar", "apr", "maj", "jun", "jul", "avg", "sep", "okt", "nov", "dec"},
    {"ponedeljak", "utorak", "sreda", "četvrtak", "petak", "subota", "nedelja"},
    {"pon", "uto", "sre", "čet", "pet", "sub", "ned"},
};
constexpr TimeNames kTaIn = {
    {"ஜனவரி", "பெப்ரவரி", "மார்ச்", "ஏப்ரல்", "மே", "ஜூன்", "ஜூலை", "ஆகஸ்ட்", "செப்டம்பர்",
     "அக்டோபர்", "நவம்பர்", "டிசம்பர்r"},
    {"ஜனவரி", "பெப்ரவரி", "மார்ச்", "ஏப்ரல்", "மே", "ஜூன்", "ஜூலை", "ஆகஸ்ட்", "செப்டம்பர்",
     "அக்டோபர்", "நவம்பர்", "டிசம்பர்r"},
    {"திங்கள்", "செவ்வாய்", "புதன்", "வியாழன்", "வெள்ளி", "சனி", "ஞாயிறு"},
    {"த", "ச", "ப", "வ", "வ", "ச", "ஞ"},
};
constexpr TimeNames kTeIn = {
    {"జనవరి", "ఫిబ్రవరి", "మార్చి", "ఏప్రిల్", "మే", "జూన్", "జూలై", "ఆగస్టు", "సెప్టెంబర్",
     "అక్టోబర్", "నవంబర్", "డిసెంబర్"},
    {"జనవరి", "ఫిబ్రవరి", "మార్చి", "ఏప్రిల్", "మే", "జూన్", "జూలై", "ఆగస్టు", "సెప్టెంబర్",
     "అక్టోబర్", "నవంబర్", "డిసెంబర్"},
    {"సోమవారం", "మంగళవారం", "బుధవారం", "గురువారం", "శుక్రవారం", "శనివారం", "ఆదివారం"},
    {"సోమ", "మంగళ", "బుధ", "గురు", "శుక్ర", "శని", "ఆది"},
};
constexpr TimeNames kThTh = {
    {"มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม",
     "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"},
    {"ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.",
     "ธ.ค."},
    {"จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "ศุกร์", "เสาร์", "อาทิตย์"},
    {"จ.", "อ.", "พ.", "พฤ.", "ศ.", "ส.", "อา."},
};
constexpr TimeNames kTrTr = {
    {"Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos", "Eylül", "Ekim",
     "Kasım", "Aralık"},
    {"Oca", "Şub", "Mar", "Nis", "May", "Haz", "Tem", "Ağu", "Eyl", "Eki", "Kas", "Ara"},
    {"Pazartesi", "Salı", "Çarşamba", "Perşembe", "Cuma", "Cumartesi", "Pazar"},
    {"Pzt", "Sal", "Çrş", "Prş", "Cum", "Cts", "Paz"},
};
constexpr TimeNames kUkUa = {
    {"Січень", "Лютий", "Березень", "Квітень", "Травень", "Червень", "Липень", "Серпень",
     "Вересень", "Жовтень", "Листопад", "Грудень"},
    {"Січ", "Лют", "Бер", "Кві", "Тра", "Чер", "Лип", "Сер", "Вер", "Жов", "Лис", "Гру"},
    {"Понеділок", "Вівторок", "Середа", "Четвер", "П'ятниця", "Субота", "Неділя"},
    {"Пнд", "Втр", "Срд", "Чтв", "Птн", "Сбт", "Ндл"},
};
constexpr TimeNames kUrPk = {
    {"جنوري", "فروري", "مارچ", "اپريل", "مٓی", "جون", "جولاي", "اگست", "ستمبر", "اكتوبر", "نومبر",
     "دسمبر"},
    {"جنوري", "فروري", "مارچ", "اپريل", "مٓی", "جون", "جولاي", "اگست", "ستمبر", "اكتوبر", "نومبر",
     "دسمبر"},
    {"پير", "منگل", "بدھ", "جمعرات", "جمعه", "هفته", "اتوار"},
    {"پير", "منگل", "بدھ", "جمعرات", "جمعه", "هفته", "اتوار"},
};
constexpr TimeNames kViVn = {
    {"Tháng một", "Tháng hai", "Tháng ba", "Tháng tư", "Tháng năm", "Tháng sáu", "Tháng bảy",
     "Tháng tám", "Tháng chín", "Tháng mười", "Tháng mười một", "Tháng mười hai"},
    {"Thg 1", "Thg 2", "Thg 3", "Thg 4", "Thg 5", "Thg 6", "Thg 7", "Thg 8", "Thg 9", "Thg 10",
     "Thg 11", "Thg 12"},
    {"Thứ hai ", "Thứ ba ", "Thứ tư ", "Thứ năm ", "Thứ sáu ", "Thứ bảy ", "Chủ nhật "},
    {"Th 2 ", "Th 3 ", "Th 4 ", "Th 5 ", "Th 6 ", "Th 7 ", "CN "},
};
constexpr TimeNames kZhCn = {
    {"一月", "二月", "三月", "四月", "五月", "六月", "七月", "八月", "九月", "十月", "十一月", "十二月"},
    {" 1月", " 2月", " 3月", " 4月", " 5月", " 6月", " 7月", " 8月", " 9月", "10月", "11月", "12月"},
    {"星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"},
    {"一", "二", "三", "四", "五", "六", "日"},
};
constexpr TimeNames kZhTw = {
    {"一月", "二月", "三月", "四月", "五月", "六月", "七月", "八月", "九月", "十月", "十一月", "十二月"},
    {" 1月", " 2月", " 3月", " 4月", " 5月", " 6月", " 7月", " 8月", " 9月", "10月", "11月", "12月"},
    {"週一", "週二", "週三", "週四", "週五", "週六", "週日"},
    {"一", "二", "三", "四", "五", "六", "日"},
};
constexpr TimeNames kElGr = {
    {"Ιανουάριος", "Φεβρουάριος", "Μάρτιος", "Απρίλιος", "Μάιος", "Ιούνιος", "Ιούλιος",
     "Αύγουστος", "Σεπτέμβριος", "Οκτώβριος", "Νοέμβριος", "Δεκέμβριος"},
    {"Ιαν", "Φεβ", "Μάρ", "Απρ", "Μάι", "Ιούν", "Ιούλ", "Αύγ", "Σεπ", "Οκτ", "Νοέ", "Δεκ"},
    {"Δευτέρα", "Τρίτη", "Τετάρτη", "Πέμπτη", "Παρασκευή", "Σάββατο", "Κυριακή"},
    {"Δευ", "Τρί", "Τετ", "Πέμ", "Παρ", "Σάβ", "Κυρ"},
};
constexpr TimeNames kRmCh = {
    {"schaner", "favrer", "mars", "avrigl", "matg", "zercladur", "fanadur", "avust", "settember",
     "october", "november", "december"},
    {"schan", "favr", "mars", "avr", "matg", "zercl", "fan", "avust", "sett", "oct", "nov", "dec"},
    {"glindesdi", "mardi", "mesemna", "gievgia", "venderdi", "sonda", "dumengia"},
    {"gli", "ma", "me", "gie", "ve", "so", "du"},
};

constexpr std::pair<std::string_view, const TimeNames*> kLocaleNames[] = {
    {"en_US", &kEnUs}, {"en_GB", &kEnUs}, {"ja_JP", &kJaJp}, {"sv_SE", &kSvSe}, {"de_DE", &kDeDe},
    {"fr_FR", &kFrFr}, {"ar_AE", &kArAe}, {"ar_BH", &kArBh}, {"ar_JO", &kArJo}, {"ar_SA", &kArSa},
    {"ar_SY", &kArSy}, {"be_BY", &kBeBy}, {"bg_BG", &kBgBg}, {"ca_ES", &kCaEs}, {"cs_CZ", &kCsCz},
    {"da_DK", &kDaDk}, {"de_AT", &kDeAt}, {"es_ES", &kEsEs}, {"et_EE", &kEtEe}, {"eu_ES", &kEuEs},
    {"fi_FI", &kFiFi}, {"fo_FO", &kFoFo}, {"gl_ES", &kGlEs}, {"gu_IN", &kGuIn}, {"he_IL", &kHeIl},
    {"hi_IN", &kHiIn}, {"hr_HR", &kHrHr}, {"hu_HU", &kHuHu}, {"id_ID", &kIdId}, {"is_IS", &kIsIs},
    {"it_CH", &kItCh}, {"ko_KR", &kKoKr}, {"lt_LT", &kLtLt}, {"lv_LV", &kLvLv}, {"mk_MK", &kMkMk},
    {"mn_MN", &kMnMn}, {"ms_MY", &kMsMy}, {"nb_NO", &kNbNo}, {"nl_NL", &kNlNl}, {"pl_PL", &kPlPl},
    {"pt_BR", &kPtBr}, {"pt_PT", &kPtPt}, {"ro_RO", &kRoRo}, {"ru_RU", &kRuRu}, {"ru_UA", &kRuUa},
    {"sk_SK", &kSkSk}, {"sl_SI", &kSlSi}, {"sq_AL", &kSqAl}, {"sr_RS", &kSrRs}, {"sr_YU", &kSrRs},
    {"ta_IN", &kTaIn}, {"te_IN", &kTeIn}, {"th_TH", &kThTh}, {"tr_TR", &kTrTr}, {"uk_UA", &kUkUa},
    {"ur_PK", &kUrPk}, {"vi_VN", &kViVn}, {"zh_CN", &kZhCn}, {"zh_TW", &kZhTw}, {"ar_DZ", &kArBh},
    {"ar_EG", &kArBh}, {"ar_IN", &kArBh}, {"ar_IQ", &kArBh}, {"ar_KW", &kArBh}, {"ar_LB", &kArJo},
    {"ar_LY", &kArBh}, {"ar_MA", &kArBh}, {"ar_OM", &kArBh}, {"ar_QA", &kArBh}, {"ar_SD", &kArBh},
    {"ar_TN", &kArBh}, {"ar_YE", &kArBh}, {"de_BE", &kDeDe}, {"de_CH", &kDeDe}, {"de_LU", &kDeDe},
    {"en_AU", &kEnUs}, {"en_CA", &kEnUs}, {"en_IN", &kEnUs}, {"en_NZ", &kEnUs}, {"en_PH", &kEnUs},
    {"en_ZA", &kEnUs}, {"en_ZW", &kEnUs}, {"es_AR", &kEsEs}, {"es_BO", &kEsEs}, {"es_CL", &kEsEs},
    {"es_CO", &kEsEs}, {"es_CR", &kEsEs}, {"es_DO", &kEsEs}, {"es_EC", &kEsEs}, {"es_GT", &kEsEs},
    {"es_HN", &kEsEs}, {"es_MX", &kEsEs}, {"es_NI", &kEsEs}, {"es_PA", &kEsEs}, {"es_PE", &kEsEs},
    {"es_PR", &kEsEs}, {"es_PY", &kEsEs}, {"es_SV", &kEsEs}, {"es_US", &kEsEs}, {"es_UY", &kEsEs},
    {"es_VE", &kEsEs}, {"fr_BE", &kFrFr}, {"fr_CA", &kFrFr}, {"fr_CH", &kFrFr}, {"fr_LU", &kFrFr},
    {"it_IT", &kItCh}, {"nl_BE", &kNlNl}, {"no_NO", &kNbNo}, {"sv_FI", &kSvSe}, {"zh_HK", &kZhCn},
    {"el_GR", &kElGr}, {"rm_CH", &kRmCh},
};


uint32_t Characters(std::string_view text) {
  return static_cast<uint32_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

template <size_t N>
uint32_t Longest(const std::string_view (&names)[N]) {
  uint32_t longest = 0;
  for (std::string_view name : names) longest = std::max(longest, Characters(name));
  return longest;
}

}  // namespace

const TimeNames& TimeNamesOf(const Locale& locale) {
  for (const auto& [name, names] : kLocaleNames) {
    if (name == locale.name) return *names;
  }
  return kEnUs;
}

uint32_t LongestMonthName(const Locale& locale) { return Longest(TimeNamesOf(locale).months); }

uint32_t LongestDayName(const Locale& locale) { return Longest(TimeNamesOf(locale).days); }

}  // namespace porpoise::types
