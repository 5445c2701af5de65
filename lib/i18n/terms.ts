import type {Locale} from './locales'

/**
 * The term base: one entry per concept, with the term each language uses for it, the variants it
 * must not use (and why), and what the concept covers. Texts are checked against it by
 * lib/i18n/term-check.ts: in a unit test (the dataset and the message files), by the content check,
 * and in the Studio, which warns on a forbidden variant and names the preferred term.
 *
 * How a variant is written (kk, ru, en): one phrase, its words separated by spaces, each matched
 * against one word of the text, case-insensitively, the words of the text separated by spaces only.
 * A word is a form (`долг`), several forms (`долг|долги`), or a stem with a wildcard for the
 * inflection, so that every case form of a Kazakh or Russian word is found and nothing else:
 * `қарыз*` (any ending), `отказ*ся` (starts with «отказ», ends with «ся»: «отказаться»,
 * «отказываться», not «отказать»). Words are runs of letters and digits, joined by hyphens
 * (`SIM-картадан`, `ЖСН-ді`). Chinese has no spaces between words: a Chinese variant is one "word"
 * whose forms (`|`) are found anywhere in the text.
 * `unlessFollowedBy` names the legitimate uses: the variant is fine when one of them comes next.
 */
export type ForbiddenVariant = {variant: string; why: string; unlessFollowedBy?: string[]}

export type Term = {
  /** A short name for the concept, in English, as editors and the Studio's warnings name it. */
  concept: string
  /** What the concept covers, and where its border with a neighbouring concept lies. */
  note: string
  preferred: Record<Locale, string>
  forbidden: Partial<Record<Locale, ForbiddenVariant[]>>
}

export const TERMS: readonly Term[] = [
  {
    concept: 'cancel (terminate the contract)',
    note:
      'Ending the contract with the operator, the act this site is about. Not a temporary block, and not refusing something: ' +
      'the reader does not "renounce a SIM", they end a contract (Kcell’s form: «Шартты бұзу туралы өтініш», ' +
      '«Заявление на расторжение договора»). "Terminate" and 解除合同 stay where a source or form says them.',
    preferred: {zh: '注销', en: 'cancel', ru: 'расторгнуть договор (расторжение договора)', kk: 'шартты бұзу'},
    forbidden: {
      zh: [
        {
          variant: '销号|销户|解约|退网',
          why: 'colloquial or narrower (销号 deletes a number; 退网 also means porting out); the site says 注销',
        },
      ],
      ru: [
        {
          variant: 'отказ*ся|отказ*сь|откаж*ся|откаж*сь',
          why: '«отказаться» is to renounce or decline; a contract is «расторгнут». Refusing a port stays «отказать в переносе»',
        },
        {
          variant: 'отказ|отказа|отказе|отказом|отказу от sim-карт*|номер*',
          why: 'a SIM or a number is not renounced: the contract for it is terminated',
        },
      ],
      kk: [
        {
          variant: 'sim-карт*дан|sim-карт*нан|нөмір*ден|нөмір*нен|шарт*тан|шарт*нан бас тарт*',
          why: '«бас тарту» is to renounce or decline; a contract is ended: «шартты бұзу». Refusing a port stays «көшіруден бас тарту»',
        },
      ],
      en: [{variant: 'deactivat*', why: 'switching a SIM off does not end the contract; say cancel, or temporary block for a pause'}],
    },
  },
  {
    concept: 'contract',
    note: 'The contract for communication services between the subscriber and the operator.',
    preferred: {zh: '合同', en: 'contract', ru: 'договор', kk: 'шарт'},
    forbidden: {
      zh: [{variant: '合约', why: 'a sales word (合约机, 合约套餐); the agreement with the operator is 合同'}],
      ru: [{variant: 'контракт*', why: 'the law and the operators say «договор»'}],
      kk: [
        {
          variant: 'келісімшарт*',
          why: 'the site says «шарт», as the law on communications does («байланыс қызметтерін көрсету шарты»); one word per concept',
        },
      ],
    },
  },
  {
    concept: 'SIM card',
    note: 'A physical SIM card; an eSIM is named as such.',
    preferred: {zh: 'SIM 卡', en: 'SIM (SIM card)', ru: 'SIM-карта', kk: 'SIM-карта'},
    forbidden: {
      zh: [
        {variant: 'SIM卡|电话卡|手机卡', why: 'a space between Chinese and Latin letters (SIM 卡); 电话卡 and 手机卡 are other products'},
      ],
      ru: [
        {variant: 'сим-карт*|симк*', why: 'the operators write «SIM-карта», in Latin letters'},
        {variant: 'сим карт*', why: 'the operators write «SIM-карта», in Latin letters'},
      ],
      kk: [
        {variant: 'сим-карт*|симк*', why: 'the operators write «SIM-карта», in Latin letters'},
        {variant: 'сим карт*', why: 'the operators write «SIM-карта», in Latin letters'},
      ],
    },
  },
  {
    concept: 'data card',
    note:
      'A SIM card for mobile internet only, in a modem, router or tablet. The same contract as any SIM: cancelled the same way ' +
      'as far as any source says.',
    preferred: {zh: '数据卡（流量卡）', en: 'data card', ru: 'SIM-карта для интернета', kk: 'интернетке арналған SIM-карта'},
    forbidden: {
      zh: [{variant: '上网卡|纯流量卡', why: '上网卡 is also a network adapter; Chinese readers search for 数据卡 and 流量卡'}],
      en: [{variant: 'data-only|data sim*', why: 'one name for the card: data card'}],
      ru: [{variant: 'интернет-карт*|дата-карт*|модем-карт*', why: 'not used by the operators; say «SIM-карта для интернета»'}],
      kk: [
        {variant: 'интернет-карт*|дата-карт*', why: 'not used by the operators; say «интернетке арналған SIM-карта»'},
        {variant: 'деректер карта*', why: 'not used by the operators; say «интернетке арналған SIM-карта»'},
      ],
    },
  },
  {
    concept: 'deregister (a number on your IIN)',
    note:
      'A number registered to your IIN that you no longer use or never took out leaves your IIN when its contract is cancelled ' +
      'at the operator. Not "unlink", which is for accounts (a bank, eGov) tied to a number.',
    preferred: {zh: '从名下注销', en: 'deregister', ru: 'снять с регистрации', kk: 'тіркеуден шығару'},
    forbidden: {
      en: [{variant: 'drop|drops|dropped|dropping', why: 'vague; a number leaves your IIN when it is deregistered'}],
      ru: [{variant: 'отвяз* номер*|чуж*', why: '«отвязать» is for accounts tied to a number; a number is «снят с регистрации»'}],
      kk: [{variant: 'алып таст*', why: 'vague («remove»); a number is «тіркеуден шығарылады»'}],
    },
  },
  {
    concept: 'unlink (accounts from the number)',
    note: 'Moving a bank, eGov, messenger or other account that uses the number to another number, before the SIM stops receiving SMS.',
    preferred: {
      zh: '解绑（改绑）',
      en: 'unlink (move to another number)',
      ru: 'отвязать (перепривязать)',
      kk: 'ажырату (басқа нөмірге ауыстыру)',
    },
    forbidden: {
      kk: [
        {variant: 'байлаңыз|байлау|байлап|байлауды', why: '«байлау» is to tie with a rope; an account is moved: «басқа нөмірге ауыстыру»'},
      ],
    },
  },
  {
    concept: 'temporary block (suspend, keep the number)',
    note:
      'A voluntary block: the number stops working for a while and stays the subscriber’s, the contract goes on. ' +
      'Blocking a lost SIM is the same act, asked for at once (挂失停机 in Chinese).',
    preferred: {zh: '停机保号', en: 'temporary block', ru: 'временная (добровольная) блокировка', kk: 'уақытша бұғаттау'},
    forbidden: {
      zh: [{variant: '锁号|临时停机', why: 'mainland readers call a block that keeps the number 停机保号'}],
      en: [{variant: 'suspen*|freez*|frozen', why: 'the operators’ word, as the sources give it, is block'}],
      ru: [{variant: 'замороз*|заморож*', why: 'the operators say «блокировка»'}],
      kk: [{variant: 'блокта*|блокир*', why: 'the Kazakh word is «бұғаттау»'}],
    },
  },
  {
    concept: 'reserve (a cancelled number held)',
    note: 'How long a number is held after its contract ends before it can go to someone else.',
    preferred: {zh: '保留', en: 'held', ru: 'резерв (резервируется)', kk: 'сақталады'},
    forbidden: {
      zh: [{variant: '预留', why: 'the site says 保留 (号码保留期)'}],
      en: [{variant: 'reserv*', why: 'the site says held (Number held)'}],
      ru: [
        {variant: 'номер* хран*', why: 'a number is not stored; the interface says «резерв номера», «резервируется»'},
        {variant: 'хран* номер*', why: 'a number is not stored; the interface says «резерв номера», «резервируется»'},
      ],
    },
  },
  {
    concept: 'balance and its refund',
    note: 'The money left on the account when the contract ends, and whether the operator pays it back.',
    preferred: {zh: '余额 / 退还', en: 'balance / refund', ru: 'остаток на балансе / возврат', kk: 'баланстағы қалдық / қайтару'},
    forbidden: {
      zh: [{variant: '返还|退钱', why: 'the site says 退还 (余额退还) and 退款'}],
      en: [{variant: 'reimburs*', why: 'the site says refund'}],
      ru: [{variant: 'рефанд*', why: 'slang; say «возврат»'}],
      kk: [{variant: 'кері қайтар*', why: '«кері» repeats what «қайтару» says'}],
    },
  },
  {
    concept: 'debt',
    note:
      'What the subscriber owes the operator (unpaid charges, a service paid on credit such as Auto Extra Balance); not a device ' +
      'instalment.',
    preferred: {zh: '欠费', en: 'debt', ru: 'задолженность', kk: 'берешек'},
    forbidden: {
      zh: [{variant: '欠款|债务', why: 'the site says 欠费, as the operators do'}],
      en: [{variant: 'arrears', why: 'the site says debt'}],
      ru: [
        {
          variant: 'долг|долга|долгу|долгом|долге|долги|долгов|долгам|долгами|долгах',
          why: 'the site and the operators say «задолженность»',
        },
      ],
      kk: [{variant: 'қарыз*', why: 'the site says «берешек» (задолженность), as official Kazakh does; «қарыз» is also a loan'}],
    },
  },
  {
    concept: 'power of attorney',
    note: 'The document by which a representative acts for the subscriber; its required form is not yet verified for any operator.',
    preferred: {zh: '授权委托书', en: 'power of attorney', ru: 'доверенность', kk: 'сенімхат'},
    forbidden: {
      zh: [{variant: '委任状|授权书', why: 'the site says 授权委托书 (委托书 once named)'}],
      ru: [{variant: 'поручительств*', why: '«поручительство» is a surety, another legal act'}],
      kk: [
        {variant: 'сенім хат*', why: 'written as one word: «сенімхат»'},
        {variant: 'доверенност*', why: 'the Kazakh word is «сенімхат»'},
      ],
    },
  },
  {
    concept: 'ID document (any)',
    note:
      'Any document that proves who one is: a passport, a Kazakh ID card, a residence permit. A foreigner’s is a passport. ' +
      'Name the Kazakh ID card only where a source does, with the passport beside it ("ID card or passport").',
    preferred: {zh: '身份证件', en: 'ID (ID document)', ru: 'документ, удостоверяющий личность', kk: 'жеке басты куәландыратын құжат'},
    forbidden: {
      zh: [
        {
          variant: '身份证',
          unlessFollowedBy: ['件', '或护照'],
          why: '身份证 is the Kazakh ID card, which foreigners do not have: where any ID will do, say 身份证件',
        },
      ],
      en: [
        {
          variant: 'id card*',
          unlessFollowedBy: ['or passport*'],
          why: 'the Kazakh ID card, which foreigners do not have: where any ID will do, say ID',
        },
      ],
      ru: [
        {
          variant: 'удостоверени* личности',
          unlessFollowedBy: ['или паспорт*'],
          why:
            '«удостоверение личности» is the Kazakh ID card, which foreigners do not have: ' +
            'where any ID will do, say «документ, удостоверяющий личность»',
        },
      ],
      kk: [
        {
          variant: 'жеке куәлі*',
          unlessFollowedBy: ['немесе төлқұжат*'],
          why:
            '«жеке куәлік» is the Kazakh ID card, which foreigners do not have: ' +
            'where any ID will do, say «жеке басты куәландыратын құжат»',
        },
      ],
    },
  },
  {
    concept: 'ID card (Kazakh)',
    note: 'The Kazakh identity card, named only where a source names it (Kcell: "a copy of ID card or passport").',
    preferred: {zh: '身份证', en: 'ID card', ru: 'удостоверение личности', kk: 'жеке куәлік'},
    forbidden: {
      zh: [{variant: 'ID卡|ID 卡', why: 'the site says 身份证'}],
      ru: [{variant: 'id-карт*|айди*', why: 'colloquial; say «удостоверение личности»'}],
      kk: [{variant: 'id-карт*|удостоверени*', why: 'the Kazakh term is «жеке куәлік»'}],
    },
  },
  {
    concept: 'IIN',
    note:
      'The individual identification number, which numbers and phones are registered to; foreigners get one at a public service ' +
      'centre.',
    preferred: {zh: 'IIN（个人识别号）', en: 'IIN', ru: 'ИИН', kk: 'ЖСН'},
    forbidden: {
      zh: [{variant: 'ИИН|ЖСН|个人识别码', why: 'Chinese readers see IIN, explained once as 个人识别号'}],
      ru: [{variant: 'iin*|жсн*', why: 'the Russian abbreviation is «ИИН»'}],
      kk: [{variant: 'иин*|iin*', why: 'the Kazakh abbreviation is «ЖСН» (жеке сәйкестендіру нөмірі)'}],
    },
  },
  {
    concept: 'public service centre',
    note: 'The state’s service centres (ЦОН, ХҚКО), where a foreigner gets an IIN. Not an operator’s office.',
    preferred: {
      zh: '公共服务中心',
      en: 'public service centre',
      ru: 'ЦОН (центр обслуживания населения)',
      kk: 'ХҚКО (халыққа қызмет көрсету орталығы)',
    },
    forbidden: {
      zh: [{variant: 'ЦОН|ХҚКО', why: 'Chinese readers see 公共服务中心'}],
      ru: [{variant: 'хқко*', why: 'the Russian abbreviation is «ЦОН»'}],
      kk: [{variant: 'цон*', why: 'the Kazakh abbreviation is «ХҚКО»'}],
    },
  },
  {
    concept: 'operator’s office (service centre)',
    note: 'Where an operator serves subscribers in person: Kcell’s are called Kcell Center and Kcell Store (names kept as they are).',
    preferred: {zh: '营业厅', en: 'office', ru: 'офис', kk: 'кеңсе'},
    forbidden: {
      zh: [{variant: '门店|营业部', why: 'the site says 营业厅'}],
      kk: [{variant: 'офис*', why: 'the Kazakh word is «кеңсе»'}],
    },
  },
  {
    concept: 'porting (number portability)',
    note:
      'Keeping the number while moving to another operator; applied for at the operator one moves to. The contract with the old ' +
      'operator ends with it.',
    preferred: {zh: '携号转网', en: 'port (porting)', ru: 'перенос номера', kk: 'нөмірді басқа операторға көшіру'},
    forbidden: {
      zh: [{variant: '号码携带|转网携号', why: 'mainland readers say 携号转网'}],
      en: [{variant: 'number transfer*', why: 'the site says port, or move to another operator'}],
      ru: [{variant: 'портирова*|портаци*', why: 'a calque; say «перенос номера»'}],
      kk: [{variant: 'портта*|портирле*', why: 'a calque; say «нөмірді көшіру»'}],
    },
  },
  {
    concept: 'reviewed / verified',
    note:
      'Verified: a fact checked against its source, on a date. Reviewed: the page re-read by an editor, which need not verify ' +
      'or change anything (a policy with nothing verified shows only when it was last reviewed).',
    preferred: {zh: '审阅 / 核实', en: 'reviewed / verified', ru: 'пересмотрено / проверено', kk: 'қаралды / тексерілді'},
    forbidden: {
      zh: [{variant: '浏览', why: 'browsed, not reviewed: say 审阅'}],
      en: [{variant: 'last updated', why: 'a review need not change anything: say last reviewed'}],
      ru: [{variant: 'просмотрен*|просматрива*', why: '«просмотрена» is "viewed": a page is «пересмотрена»'}],
    },
  },
  {
    concept: 'source',
    note: 'The web page or document a fact cites (the “cited page”), with the date it was read.',
    preferred: {zh: '来源', en: 'source', ru: 'источник', kk: 'дереккөз'},
    forbidden: {
      zh: [{variant: '出处', why: 'the site says 来源'}],
      ru: [{variant: 'первоисточник*', why: 'the site says «источник»'}],
      kk: [
        {variant: 'қайнар көз*', why: 'literary; the site says «дереккөз»'},
        {variant: 'қайнаркөз*', why: 'literary; the site says «дереккөз»'},
      ],
    },
  },
]
