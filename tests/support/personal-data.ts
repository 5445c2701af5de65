import {MASKS} from '@/lib/reports/mask'

/**
 * Personal data as readers really write it in a report: Kazakh phone numbers (+7 and 8, 10 and 11
 * digits, every separator, digits of other scripts, characters no one sees between the digits),
 * IINs, and e-mail addresses (RFC 5322 local parts, sub-addresses, Unicode domains). Each with the
 * words around it, and what is kept: the words, and the mask. The unit tests mask every one, and
 * the integration tests send every one through the form without JavaScript.
 */
export type Spelling = {name: string; written: string; stored: string}

const phone = (name: string, number: string): Spelling => ({
  name,
  written: `Call ${number} after six`,
  stored: `Call ${MASKS.phone} after six`,
})
const iin = (name: string, number: string): Spelling => ({name, written: `ИИН ${number} керек`, stored: `ИИН ${MASKS.iin} керек`})
const email = (name: string, address: string): Spelling => ({
  name,
  written: `write to ${address} today`,
  stored: `write to ${MASKS.email} today`,
})

export const PERSONAL_DATA_SPELLINGS: Spelling[] = [
  phone('+7 with spaces', '+7 701 123 45 67'),
  phone('8 with brackets and hyphens', '8 (701) 123-45-67'),
  phone('11 digits together', '87011234567'),
  phone('+7 and 10 digits together', '+77011234567'),
  phone('10 digits without the country code', '701 123 4567'),
  phone('a landline of Astana, +7 and a 4-digit area code', '+7 (7172) 55-66-77'),
  phone('non-breaking hyphens (U+2011), as phones insert them', '8\u2011701\u2011123\u201145\u201167'),
  phone('hyphens (U+2010)', '8\u2010701\u2010123\u201045\u201067'),
  phone('figure dashes (U+2012)', '8\u2012701\u2012123\u201245\u201267'),
  phone('minus signs (U+2212)', '8\u2212701\u2212123\u221245\u221267'),
  phone('en dashes', '8\u2013701\u2013123\u201345\u201367'),
  phone('em dashes with spaces', '8 \u2014 701 \u2014 1234567'),
  phone('small hyphen-minus (U+FE63)', '8\ufe63701\ufe631234567'),
  phone('non-breaking spaces', '+7\u00a0701\u00a0123\u00a045\u00a067'),
  phone('narrow non-breaking and thin spaces', '+7\u202f701\u2009123\u202f45\u202f67'),
  phone('an ideographic space', '+7\u3000701\u30001234567'),
  phone('left-to-right marks between the groups', '8\u200e701\u200e123\u200e45\u200e67'),
  phone('right-to-left and Arabic letter marks', '+7\u200f701\u061c1234567'),
  phone('zero-width spaces', '8\u200b701\u200b123\u200b45\u200b67'),
  phone('word joiners', '8\u2060701\u2060123\u206045\u206067'),
  phone('soft hyphens', '87\u00ad01\u00ad123\u00ad45\u00ad67'),
  phone('byte order marks', '\ufeff8701\ufeff1234567'),
  phone('a right-to-left override', '8\u202e701\u202c1234567'),
  phone('direction isolates', '+7\u2066701\u2069 123 45 67'),
  phone('slashes', '8/701/123/45/67'),
  phone('middle dots', '8\u00b7701\u00b7123\u00b745\u00b767'),
  phone('katakana middle dots', '8\u30fb701\u30fb1234567'),
  phone('underscores', '8_701_123_45_67'),
  phone('a line break (LF)', '8 701\n123 45 67'),
  phone('a line break (CR LF)', '8 701\r\n123 45 67'),
  phone('a line separator (U+2028)', '+7 701\u2028123 45 67'),
  phone('spaces between every digit', '8 7 0 1 1 2 3 4 5 6 7'),
  phone('full-width digits and plus', '\uff0b\uff17\uff17\uff10\uff11\uff11\uff12\uff13\uff14\uff15\uff16\uff17'),
  phone('Arabic-Indic digits', '\u0668\u0667\u0660\u0661\u0661\u0662\u0663\u0664\u0665\u0666\u0667'),
  phone('Persian digits', '\u06f8\u06f7\u06f0\u06f1\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7'),
  phone('Devanagari digits mixed with ASCII', '+7 \u096d\u0966\u0967 123 \u096a\u096b \u096c\u096d'),
  phone('mathematical bold digits', '\u{1d7f4}\u{1d7f3}\u{1d7ec}\u{1d7ed}\u{1d7ed}\u{1d7ee}\u{1d7ef}\u{1d7f0}\u{1d7f1}\u{1d7f2}\u{1d7f3}'),
  {
    name: 'a phone number after Cyrillic letters and a dot',
    written: 'тел.+7(701)1234567 хабарласыңыз',
    stored: `тел.${MASKS.phone} хабарласыңыз`,
  },
  {name: 'a phone number inside Chinese text', written: '我的号码是８７０１１２３４５６７谢谢', stored: `我的号码是${MASKS.phone}谢谢`},

  iin('12 digits', '900101300123'),
  iin('grouped 6, 3 and 3', '900101 300 123'),
  iin('grouped by four with dashes', '9001-0130-0123'),
  iin('in pairs', '90 01 01 30 01 23'),
  iin('with a non-breaking hyphen', '900101\u2011300123'),
  iin('in full-width digits', '\uff19\uff10\uff10\uff11\uff10\uff11\uff13\uff10\uff10\uff11\uff12\uff13'),
  {name: 'an IIN right after its Kazakh name', written: 'ЖСН900101300123', stored: `ЖСН${MASKS.iin}`},

  email('a dotted local part', 'ivan.petrov@mail.ru'),
  email('a sub-address', 'ivan+kcell@gmail.com'),
  email('an apostrophe (RFC 5322 atext)', "o'brien@example.kz"),
  email('an exclamation mark and other atext', "d'artagnan!#$%&*=?^`{|}~-x@example.kz"),
  email('a quoted local part with a space', '"ivan petrov"@example.kz'),
  email('a quoted local part with an escaped quote', '"ivan\\"the terrible\\""@example.kz'),
  email('Cyrillic, with a Cyrillic domain', 'иван@почта.рф'),
  email('a Kazakh domain name', 'айгүл@мысал.қаз'),
  email('a punycode domain', 'user@xn--80ak6aa92e.com'),
  email('several subdomains', 'aigul_n-2@sub.mail.example.co.kz'),
  email('a numeric QQ address', '12345678@qq.com'),
  email('full-width @ and dot, from a Chinese keyboard', 'abc\uff20163\uff0ecom'),
  email('an address literal', 'ivan@[192.0.2.1]'),
  {
    name: 'a Chinese local part and domain, with an ideographic full stop',
    written: '邮箱 用户@例子。广告 谢谢',
    stored: `邮箱 ${MASKS.email} 谢谢`,
  },
  {name: 'an address right after Chinese text', written: '请发到ivan@mail.ru谢谢', stored: `请发到${MASKS.email}谢谢`},
]
