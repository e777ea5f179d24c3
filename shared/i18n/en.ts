/**
 * The English catalog is the reference: every other catalog must carry exactly its keys (the
 * compiler and tests/unit/i18n-catalogs.test.ts both hold them to it). `{name}` marks a value
 * filled in at render time; values are always escaped by the page, never treated as markup.
 */
export const en = {
  'site.name': 'Haven',
  'site.tagline': 'Beds for people in flight, matched by volunteers',
  'site.skip': 'Skip to content',
  'site.language': 'Language',
  'site.privacy':
    'Haven never publishes offers or requests. Your contact details go to a volunteer coordinator, and to the other side only after a coordinator approves a match.',
  'site.home': 'Back to the start',
  'site.places_credit': 'Place names and coordinates adapted from',

  'landing.title': 'A safe place to stay, found together',
  'landing.lead':
    'Haven connects people who had to leave their homes with local hosts who have a spare bed. A volunteer coordinator checks every match before anyone shares an address.',
  'landing.host.title': 'I can host',
  'landing.host.text': 'Offer a bed, a room or a flat for a while.',
  'landing.host.cta': 'Offer a place',
  'landing.seek.title': 'I need a place',
  'landing.seek.text': 'Tell us who is coming, where and when.',
  'landing.seek.cta': 'Find a place',
  'landing.how.title': 'How it works',
  'landing.how.1': 'Fill in a short form. It takes about three minutes, and you need no account.',
  'landing.how.2': 'Confirm your email address with the link we send you.',
  'landing.how.3':
    'A coordinator reviews each proposed match. Only after they approve do host and guest receive each other’s contact details.',

  'form.offer.title': 'Offer a place to stay',
  'form.offer.lead':
    'Tell us about the beds you can offer. Nothing here is published: only coordinators see it, when they review a match.',
  'form.request.title': 'Find a place to stay',
  'form.request.lead':
    'Tell us who is coming, where and when. Nothing here is published: only coordinators see it, when they review a match.',
  'form.optional': 'optional',
  'form.optionalWithUsername': 'optional if your Telegram account has a username',
  'form.phoneUnlessEmail': 'needed if you give no email address',
  'form.emailUnlessPhone': 'needed if you give no phone number',
  'form.offer.submit': 'Send my offer',
  'form.request.submit': 'Send my request',
  'form.errors.title': 'Please correct the following',
  'form.errors.lead': 'Nothing has been sent yet. Fix the fields below and send the form again.',
  'form.telegramStale.title': 'Nothing has been sent yet',
  'form.telegramStale.text':
    'This form was opened in Telegram more than a day ago, so Telegram can no longer confirm that it comes from you. Close it and open it again with the button in your chat with our bot (send /start if you don’t see the buttons).',
  'form.telegramStale.kept':
    'What you typed is saved on this device. Reopen the form within a day and it will be filled in again.',
  'form.telegramDraftRestored': 'We have filled in what you typed last time. Check it, then send the form.',
  'form.select.choose': 'Choose…',
  'form.country.common': 'Most requested',
  'form.country.all': 'All countries',
  'form.honeypot': 'Leave this field empty',

  'fieldset.you': 'About you',
  'fieldset.languages': 'Languages you speak',
  'fieldset.place': 'Where',
  'fieldset.dates': 'When',
  'fieldset.home': 'Your home',
  'fieldset.party': 'Who is coming',
  'fieldset.needs': 'What you need',
  'fieldset.notes': 'Anything else',

  'field.name': 'Your name',
  'field.name.hint': 'A first name is enough.',
  'field.email': 'Email address',
  'field.email.hint': 'We send a confirmation link here.',
  'field.email.telegramHint':
    'We write to you in Telegram. An address is only used if Telegram cannot reach you.',
  'prompt.email.question': 'Did you mean {email}?',
  'prompt.email.use': 'Change it to {email}',
  'field.phone': 'Phone number',
  'field.phone.hint': 'With the country code, for example +90 555 123 45 67.',
  'field.phone.telegramHint':
    'With the country code, for example +90 555 123 45 67. If your Telegram account has no username, give a phone number or an email address, so that your host or guests can reach you.',
  'prompt.phone':
    'This number has no country code. Please add it (for example +90 for Turkey, +380 for Ukraine), so that your host or guests can call you from any phone.',
  'form.sentSince':
    'Came back here from the page “{title}”? Then the form has arrived: look for our mail in your inbox. You need not send it again.',
  'field.languages': 'Languages',
  'field.languages.hint': 'Tick every language you can talk in.',
  'field.languagesOther': 'Other languages',
  'field.languagesOther.hint': 'Two-letter codes separated by commas, for example ar, fa.',
  'field.country': 'Country',
  'field.city': 'City or town',
  'field.city.hint': 'Start typing and pick a suggestion if one appears.',
  'field.city.requestHint': 'Leave empty if anywhere in the country is fine.',
  'field.maxDistanceKm': 'How far from that city, in kilometres',
  'field.maxDistanceKm.hint': 'We look for places within this distance. Usually 50.',
  'field.availableFrom': 'Available from',
  'field.availableTo': 'Available until',
  'field.availableTo.hint': 'Leave empty if you don’t know yet.',
  'field.beds': 'Number of beds',
  'field.beds.hint': 'Count every person who can sleep there, from 1 to 50.',
  'field.petsAllowed': 'Pets are welcome',
  'field.childrenAllowed': 'Children are welcome',
  'field.stepFree': 'Step-free access (no stairs from the street to the bed)',
  'field.multipleParties': 'I can host more than one family or group at the same time',
  'field.hostHousehold': 'Who lives in your home?',
  'field.hostHousehold.hint':
    'Guests who ask for a safe household, such as women travelling alone with children, are offered only homes of a woman, women, a couple or a family. If you leave this blank, we cannot offer your home to them.',
  'field.hostHousehold.none': 'Prefer not to say',
  'household.single_man': 'A man living alone',
  'household.single_woman': 'A woman living alone',
  'household.men': 'Men only',
  'household.women': 'Women only',
  'household.couple': 'A couple',
  'household.family': 'A family',
  'household.other': 'Other',
  'field.arrival': 'Arrival date',
  'field.departure': 'Departure date',
  'field.departure.hint': 'Leave empty if you don’t know yet.',
  'field.adults': 'Adults',
  'field.adults.hint': 'Including you.',
  'field.children': 'Children (under 18)',
  'field.pets': 'We have pets with us',
  'field.needsStepFree': 'Someone in our group needs step-free access (no stairs)',
  'field.safeHousehold': 'Place us only with a woman, women, a couple or a family',
  'field.safeHousehold.hint':
    'Recommended by UNHCR for women and children travelling on their own. Homes whose hosts did not say who lives there are not offered to you.',
  'field.notes': 'Anything else we should know?',
  'field.notes.hint': 'Please don’t write your address here: it is shared only after a match is approved.',
  'field.notes.left': 'Characters left: {count}',
  'field.notes.over': 'Too long by this many characters: {count}',

  'issue.required': 'Please fill this in.',
  'issue.invalid_type': 'Please fill this in.',
  'issue.too_small': 'This value is too small.',
  'issue.too_big': 'This value is too large.',
  'issue.too_long': 'This is too long. Please shorten it.',
  'issue.notes.too_long':
    'Notes can hold at most 2,000 characters. Nothing was cut: please shorten them yourself.',
  'issue.invalid_format': 'Please check the format.',
  'issue.invalid_value': 'Please choose one of the options.',
  'issue.invalid_characters': 'Please remove special characters such as line breaks from this field.',
  'issue.invalid_date': 'Please enter a real date.',
  'issue.date_in_past': 'This date is in the past.',
  'issue.date_order': 'This date must not be earlier than the first one.',
  'issue.unknown_city': 'We couldn’t find this place in the chosen country.',
  'issue.city_suggestions': 'Did you mean: {suggestions}?',
  'issue.city_choices': 'Did you mean:',
  'issue.unknown_country': 'Please choose a country from the list.',
  'issue.unknown_language': 'Please use two-letter language codes, for example en or ka.',
  'issue.contact_required':
    'Your Telegram account has no username, so your host or guests cannot write to you there. Please give a phone number or an email address.',
  'issue.unrecognized_keys': 'The form contained fields we don’t know. Please reload the page.',
  'issue.invalid': 'Please check this field.',
  'issue.name.required': 'Please tell us your name.',
  'issue.email.required': 'Please enter your email address.',
  'issue.email.invalid_format': 'Please enter an email address like name@example.com.',
  'issue.phone.invalid_format': 'Please use only digits, spaces, brackets, “+” and “-”.',
  'issue.languages.required': 'Please tick at least one language.',
  'issue.languages.too_small': 'Please tick at least one language.',
  'issue.country.required': 'Please choose a country.',
  'issue.city.required': 'Please tell us the city or town.',
  'issue.availableFrom.required': 'Please enter the first day you can host.',
  'issue.availableTo.date_order': 'This must be on or after the “available from” date.',
  'issue.beds.required': 'Please enter the number of beds.',
  'issue.beds.too_small': 'Please offer at least 1 bed.',
  'issue.beds.too_big': 'Please enter at most 50 beds.',
  'issue.beds.invalid_type': 'Please enter a whole number from 1 to 50.',
  'issue.maxDistanceKm.too_small': 'Please enter at least 1 km.',
  'issue.maxDistanceKm.too_big': 'Please enter at most 1000 km.',
  'issue.maxDistanceKm.invalid_type': 'Please enter a number of kilometres.',
  'issue.arrival.required': 'Please enter your arrival date.',
  'issue.departure.date_order': 'Departure must be on or after the arrival date.',
  'issue.adults.required': 'Please enter the number of adults.',
  'issue.adults.too_small': 'At least one adult must be in the group.',
  'issue.adults.too_big': 'That is more adults than we can place at once.',
  'issue.adults.invalid_type': 'Please enter a whole number.',
  'issue.children.too_small': 'The number can’t be negative.',
  'issue.children.too_big': 'That is more children than we can place at once.',
  'issue.children.invalid_type': 'Please enter a whole number.',

  'inbox.title': 'Check your inbox',
  'inbox.sent': 'We have sent an email to {email}.',
  'inbox.sentNoAddress': 'We have sent you an email with a link.',
  'inbox.offer':
    'Open the link in it to confirm your address. Until you do, your offer is not matched with anyone.',
  'inbox.request':
    'Open the link in it to confirm your address. Until you do, we can’t look for a place for you.',
  'inbox.manage':
    'The same email holds a private link to change, pause or withdraw it later. Keep it, and don’t forward it.',
  'inbox.spam':
    'Nothing after a few minutes? Look in your spam folder. If the address was wrong, fill in the form again.',

  'telegram.start':
    'Hello! Haven helps people who had to leave their homes find a safe place to stay with local hosts. Press a button below: the form opens right here in Telegram. A volunteer coordinator checks every match before anyone learns an address.',
  'telegram.hint':
    'Please use the buttons below: they open the forms. To see them again at any time, send /start.',
  'telegram.received.title': 'Thank you, we have it',
  'telegram.received.offer':
    'Your offer is open. We will write to you here in Telegram when a coordinator approves a guest for you.',
  'telegram.received.request':
    'Your request is open, and we are looking for a place. We will write to you here in Telegram as soon as a coordinator approves one.',
  'telegram.updated.offer':
    'You had already offered this place for these dates, so we updated your offer with what you just sent instead of adding a second one.',
  'telegram.updated.request':
    'You had already asked us for a place on these dates, so we updated your request with what you just sent instead of adding a second one.',
  'telegram.received.address':
    'We have also emailed a link to the address you gave. Open the link in that email to confirm the address: until you do, we don’t use it.',
  'telegram.received.manage':
    'The button below opens a private page where you can change, pause or withdraw it later. Don’t forward this message.',
  'telegram.received.close': 'You can close this window now.',
  'telegram.ended.title.request': 'Haven: news about your request',
  'telegram.ended.title.offer': 'Haven: news about your offer',
  'telegram.ended.request':
    'We had found a possible place for you, but it did not work out this time. Your request is open again, and we keep looking. You don’t need to do anything: we will write to you here as soon as a coordinator approves a place.',
  'telegram.ended.offer': 'We had found possible guests for your place, but it did not work out this time.',
  'telegram.ended.offer.open':
    'Your offer is open again, and we keep looking for guests. You don’t need to do anything: we will write to you here when a coordinator approves guests for you.',
  'telegram.ended.offer.paused':
    'Your offer is paused, so we don’t suggest it to anyone until you resume it.',
  'telegram.ended.offer.closed': 'Your offer is closed, so we no longer suggest it to anyone.',
  'telegram.placed.title': 'Your stay is already arranged',
  'telegram.placed.message':
    'We have sent you a message here in Telegram: its button opens a page that shows the stay and your host’s contact.',
  'telegram.address.title': 'Your address is confirmed',
  'telegram.address.text':
    'Thank you. We go on writing to you in Telegram, and use this address only when a message there cannot reach you. Your host or guests will see it once a coordinator approves a match. You can close this window now.',
  'telegram.address.placed':
    'This request is for dates that overlap the stay already arranged for this address, so we did not open it as a second request, and we have told the Telegram chat that sent it. If the stay is no longer possible, press “There is a problem” on its page: a coordinator will get in touch and help. You can close this window now.',
  'telegram.placedAddress.title': 'A stay is already arranged for this address',
  'telegram.placedAddress.message':
    'This address already has a stay arranged for these dates, so this request was not taken on. If that stay is not yours, send the form again with your own address or none.',
  'telegram.no.closeOffer': 'Close my offer',
  'telegram.no.withdrawRequest': 'Withdraw my request',
  'telegram.no.offerAlert':
    'To close your offer, press “{button}” under the message: nobody will be proposed to you any more. Stays already agreed are not affected.',
  'telegram.no.requestAlert':
    'To withdraw your request, press “{button}” under the message: we will propose no more places to you.',
  'telegram.answered': 'Thank you, noted.',
  'telegram.used':
    'This button can’t be used any more. Whatever was done with it before stands; pressing it now changed nothing.',

  'link.gone.title': 'This link can’t be used any more',
  'link.gone.text':
    'It may have been used already, be out of date, or have been copied incompletely. Whatever was done with it before stands; opening it now changed nothing.',
  'link.gone.help':
    'To change your offer or request, use the most recent email from Haven, or contact the volunteers who pointed you here.',
  'link.gone.helpDecision':
    'A proposal’s links stop working once it has been approved or declined, has expired or has become void. Whatever still waits for a decision is in the queue of the coordinator workspace.',
  'link.gone.toQueue': 'Open the queue',
  'link.gone.helpSignIn': 'A sign-in link works once, for 15 minutes. Ask for a new one on the sign-in page.',
  'link.gone.newSignIn': 'Ask for a new link',

  'confirm.title': 'Confirm your email address',
  'confirm.offer.lead':
    'Press the button to confirm your address. Your offer then becomes open for matching.',
  'confirm.request.lead':
    'Press the button to confirm your address. We then start looking for a place for you.',
  'confirm.placedAddress.lead':
    'This address already has a stay arranged for these dates. If you confirm, this request sent from Telegram is closed instead of taking on the address, and its chat is told so, with nothing about the stay.',
  'confirm.button': 'Confirm my address',
  'confirm.done.title': 'Thank you, your address is confirmed',
  'confirm.offer.done':
    'Your offer is open. When a coordinator approves a match, we will email you the guest’s details.',
  'confirm.request.done':
    'We are looking for a place for you. When a coordinator approves a match, we will email you the host’s details.',
  'confirm.manageLink': 'See or change your details',

  'manage.offer.title': 'Your offer',
  'manage.request.title': 'Your request',
  'manage.facts': 'What we have',
  'manage.status': 'Status',
  'manage.yes': 'Yes',
  'manage.no': 'No',
  'manage.notSet': 'Not set',
  'manage.pause.title': 'Pause for a while',
  'manage.pause.text': 'A paused offer is not matched with anyone until you resume it.',
  'manage.pause.button': 'Pause my offer',
  'manage.pause.request.text':
    'While your request is paused, we propose no place to you. A match waiting for a coordinator is cancelled. Resume it whenever you like.',
  'manage.pause.request.button': 'Pause my request',
  'manage.resume.title': 'Open it again',
  'manage.resume.text': 'Your offer is paused. Resume it to be matched again.',
  'manage.resume.button': 'Resume my offer',
  'manage.resume.request.text':
    'Your request is paused. Resume it and we start looking for a place for you again.',
  'manage.resume.request.button': 'Resume my request',
  'manage.edit.offer.title': 'Change your offer',
  'manage.edit.request.title': 'Change your request',
  'manage.edit.lead':
    'Correct anything you told us. Your email address can’t be changed here: to use another one, send a new form from it.',
  'manage.edit.button': 'Save changes',
  'manage.withdraw.title': 'Withdraw',
  'manage.withdraw.offer.text': 'Withdraw your offer if you can no longer host. This can’t be undone.',
  'manage.withdraw.request.text':
    'Withdraw your request if you no longer need a place. This can’t be undone.',
  'manage.withdraw.offer.button': 'Withdraw my offer',
  'manage.withdraw.request.button': 'Withdraw my request',
  'manage.done.paused': 'Your offer is paused.',
  'manage.done.resumed': 'Your offer is open again.',
  'manage.done.request.paused': 'Your request is paused.',
  'manage.done.request.resumed': 'Your request is open again: we are looking for a place for you.',
  'manage.done.updated': 'Your changes are saved.',
  'manage.done.withdrawn': 'It is withdrawn. Thank you for letting us know.',
  'manage.done.problem': 'A coordinator has been told and will get in touch with you soon.',
  'manage.conflict':
    'That was no longer possible, so nothing was changed. The page now shows the current state.',
  'manage.closed': 'This is closed and can no longer be changed.',
  'manage.erase.title': 'Delete my data now',
  'manage.erase.text':
    'Your name, email address, phone number and notes are deleted from Haven at once, and this link stops working. If your entry is still open, it is withdrawn first. This can’t be undone.',
  'manage.erase.button': 'Delete my data now',
  'manage.erase.overtaken':
    'Your data could not be deleted just now: it was being changed at that very moment. Nothing has been deleted yet. Please press “Delete my data now” again.',
  'manage.erased.title': 'Your data is deleted',
  'manage.erased.text':
    'We no longer hold your name, email address, phone number or notes. What is left is anonymous counts. Thank you for using Haven.',
  'manage.placement.offer.title': 'Your guests',
  'manage.placement.request.title': 'Your host',
  'manage.placement.offer.lead':
    'A coordinator has approved this stay. Get in touch with your guests to agree on the day and time of arrival, and give them your address yourself.',
  'manage.placement.request.lead':
    'A coordinator has approved a place for you. Get in touch with your host to agree on the day and time of arrival; they will give you the address.',
  'manage.placement.offer.erased':
    'Your guests have deleted their data from Haven, so their contact details are no longer shown here.',
  'manage.placement.request.erased':
    'Your host has deleted their data from Haven, so their contact details are no longer shown here.',
  'manage.placement.onlyThem': 'While they stay, Haven proposes nobody else to you.',
  'manage.placement.name': 'Name',
  'manage.placement.dates': 'Dates',
  'manage.placement.openEnded': '{from}, end not fixed yet',
  'manage.placement.checkIns': 'We will write to you on {dates} to ask how the stay is going.',
  'manage.placement.problem.text':
    'If something is wrong, before or during the stay, press the button: a coordinator will get in touch with you. If you are in danger, call the local emergency number.',
  'manage.placement.problem.button': 'There is a problem',

  'status.offer.pending': 'Waiting for you to confirm your email address',
  'status.offer.open': 'Open for matching',
  'status.offer.paused': 'Paused',
  'status.offer.closed': 'Closed',
  'status.request.pending': 'Waiting for you to confirm your email address',
  'status.request.open': 'We are looking for a place',
  'status.request.paused': 'Paused',
  'status.request.proposed': 'A match is waiting for a coordinator',
  'status.request.placed': 'Placed',
  'status.request.withdrawn': 'Withdrawn',
  'status.request.expired': 'Expired',

  'error.title': 'Something went wrong',
  'error.notFound.title': 'Page not found',
  'error.notFound.text':
    'There is nothing at this address. Check the link, or start again from the home page.',
  'error.rateLimited.title': 'Too many forms',
  'error.rateLimited.text':
    'We have received many forms from this network in the last hour. Please try again in an hour.',
  'error.rateLimited.mailbox':
    'Many forms have been sent with this email address in the last hour. Please try again in an hour.',
  'error.rateLimited.chat':
    'Many forms have been sent from this Telegram account in the last hour. Please try again in an hour.',
  'error.rateLimited.signInTitle': 'Please wait a moment',
  'error.rateLimited.signIn':
    'There have been too many sign-in attempts from this network in a short time. Please try again in 15 minutes.',
  'error.rateLimited.service':
    'Haven is receiving very many forms just now, from everyone. Please try again in an hour.',
  'error.tooLarge.title': 'That was too much to send',
  'error.tooLarge.text': 'The form was larger than we accept. Please shorten your notes and try again.',
  'error.badRequest.title': 'We couldn’t read that',
  'error.badRequest.text': 'What you sent could not be read. Please go back and try again.',
  'error.unavailable.title': 'Please try again shortly',
  'error.unavailable.text': 'We can’t save anything right now. Please try again in a few minutes.',
  'error.internal.text': 'Something went wrong on our side. Please try again.',
  'error.forbidden.title': 'This form has expired',
  'error.forbidden.text': 'Nothing has been changed. Go back, reload the page and try again.',

  'decision.approve.title': 'Approve this proposal?',
  'decision.approve.lead':
    'If you approve, the host and the seeker each get an email with the other’s name, email address and phone number.',
  'decision.approve.button': 'Approve',
  'decision.decline.title': 'Decline this proposal?',
  'decision.decline.lead':
    'If you decline, this pair is never proposed again, the beds are released and Haven looks for other matches.',
  'decision.decline.button': 'Decline',
  'decision.due': 'Decide before',
  'decision.unchanged': 'Nothing has been changed yet: press the button to decide.',
  'decision.hostCheckFirst.title': 'Check the host first',
  'decision.hostCheckFirst.text':
    'No coordinator has checked this host yet, so this proposal cannot be approved. Nothing has been changed. Record how you checked the host on the offer’s page in the coordinator workspace, then approve there or come back to this link. You can still decline it with the “{button}” link in the email.',
  'decision.hostCheckFirst.link': 'Open the offer in the workspace',
  'decision.hostCheckFirst.contacts':
    'How to reach the host is in the proposal email, and on the offer’s page once you are signed in to the workspace.',
  'decision.hostCheckFirst.rejectedTitle': 'This host was rejected',
  'decision.hostCheckFirst.rejectedText':
    'A coordinator rejected this host, so this proposal cannot be approved. Nothing has been changed. You can decline it with the “{button}” link in the email. Only if the host has been checked again since, record the new check on the offer’s page in the coordinator workspace, then approve there or come back to this link.',
  'decision.unreachable.title': 'This proposal cannot be approved yet',
  'decision.unreachable.host':
    'Nothing has been changed. The host gave no email address, no phone number and no Telegram username, so the seeker would have no way to reach them. The host can add a phone number or an email address through the link in their Telegram chat. Until then, you can decline.',
  'decision.unreachable.seeker':
    'Nothing has been changed. The seeker gave no email address, no phone number and no Telegram username, so the host would have no way to reach them. The seeker can add a phone number or an email address through the link in their Telegram chat. Until then, you can decline.',
  'decision.seeker.title': 'Seeker',
  'decision.host.title': 'Host',
  'decision.score.title': 'Score',
  'decision.fact.name': 'Name',
  'decision.fact.place': 'Place',
  'decision.fact.distance': 'Distance',
  'decision.fact.beds': 'Beds',
  'decision.fact.available': 'Available',
  'decision.fact.dates': 'Dates',
  'decision.fact.stay': 'Proposed dates',
  'decision.fact.openEnded': 'open-ended',
  'decision.fact.party': 'Who is coming',
  'party.summary':
    '{adults, plural, one {# adult} other {# adults}}{children, plural, =0 {} one { and # child} other { and # children}}',
  'decision.fact.petsAllowed': 'Pets welcome',
  'decision.fact.childrenAllowed': 'Children welcome',
  'decision.fact.stepFree': 'Step-free access',
  'decision.fact.multipleParties': 'Hosts several parties',
  'decision.fact.household': 'Who lives there',
  'decision.fact.pets': 'Pets',
  'decision.fact.needsStepFree': 'Needs step-free access',
  'decision.fact.safeHousehold': 'Asks for a safe household',
  'decision.fact.languages': 'Languages',
  'decision.fact.hostCheck': 'Host check',
  'decision.fact.notes': 'Notes',
  'decision.why.coverage': '{covered} of {requested, plural, one {# night} other {# nights}}',
  'decision.why.coverageOpen':
    '{covered} of {requested, plural, one {# night} other {# nights}}; no departure date, so counted as {requested}',
  'decision.why.closeness': '{km} apart; at most {max} asked',
  'decision.why.anywhere': 'anywhere in the country asked',
  'decision.why.fit':
    '{party, plural, one {# person} other {# people}} in {beds, plural, one {# bed} other {# beds}}',
  'decision.why.noSharedLanguage': 'none',
  'decision.why.weight': 'weight {weight}',
  'decision.fact.yes': 'Yes',
  'decision.fact.no': 'No',
  'decision.score.total': 'Total',
  'decision.score.coverage': 'Stay covered',
  'decision.score.closeness': 'Closeness',
  'decision.score.fit': 'Beds filled',
  'decision.score.sharedLanguages': 'Shared languages',
  'decision.approved.title': 'Approved',
  'decision.approved.text': 'The host and the seeker are being sent each other’s contact details by email.',
  'decision.declined.title': 'Declined',
  'decision.declined.text':
    'This pair will not be proposed again. Haven is looking for other matches for both.',
  'decision.decided.title': 'This proposal has already been decided',
  'decision.closed.title': 'This proposal can no longer be decided',
  'decision.decided.approved': 'It was approved. Nothing has been changed.',
  'decision.decided.declined': 'It was declined. Nothing has been changed.',
  'decision.decided.expired': 'It expired before anyone decided. Nothing has been changed.',
  'decision.decided.cancelled':
    'It was cancelled: since it was made, the offer or the request has been withdrawn, paused or changed, or a coordinator rejected the host at the host check. Nothing has been changed.',

  'place.anywhere': 'Anywhere in {country}',
  'record.status.offer.pending': 'address not confirmed',
  'record.status.offer.open': 'open',
  'record.status.offer.paused': 'paused',
  'record.status.offer.closed': 'closed',
  'record.status.request.pending': 'address not confirmed',
  'record.status.request.open': 'looking for a place',
  'record.status.request.paused': 'paused',
  'record.status.request.proposed': 'proposed, waiting for a decision',
  'record.status.request.placed': 'placed',
  'record.status.request.withdrawn': 'withdrawn',
  'record.status.request.expired': 'expired',
  'record.status.proposal.pending': 'waiting for a decision',
  'record.status.proposal.approved': 'approved',
  'record.status.proposal.declined': 'declined',
  'record.status.proposal.expired': 'expired, nobody decided',
  'record.status.proposal.cancelled': 'cancelled',
  'mail.greeting': 'Hello {name},',
  'mail.signature': 'The Haven volunteers',
  'mail.oneLink': 'The link opens a page with one button; nothing changes until you press it.',
  'mail.twoLinks': 'Each link opens a page with one button; nothing changes until you press it.',
  'mail.twoLinksChat': 'Nothing is closed without your confirmation.',
  'mail.fact.name': 'Name',
  'mail.fact.email': 'Email',
  'mail.fact.phone': 'Phone',
  'mail.fact.noPhone': 'not given',
  'mail.fact.place': 'Place',
  'mail.fact.dates': 'Dates',
  'mail.fact.available': 'Available',
  'mail.fact.beds': 'Beds',
  'mail.fact.party': 'Who is coming',
  'mail.fact.arrival': 'Arrival',
  'mail.fact.departure': 'Departure',
  'mail.fact.openEnded': 'no end date yet',
  'mail.dates.from': 'from {from}, no end date',
  'mail.confirm.subjectOffer': 'Please confirm your offer on Haven',
  'mail.confirm.subjectRequest': 'Please confirm your request on Haven',
  'mail.confirm.subjectHeldOffer': 'Confirm the changes to your offer on Haven',
  'mail.confirm.subjectHeldRequest': 'Confirm the changes to your request on Haven',
  'mail.confirm.subjectPlacedRequest': 'Your stay is already arranged on Haven',
  'mail.confirm.thanksOffer': 'Thank you for offering a place to stay.',
  'mail.confirm.thanksRequest': 'We have received your request for a place to stay.',
  'mail.confirm.heldOffer':
    'You sent the form again for dates that overlap your offer. To apply what you sent to that offer instead of adding a second one, open this link and press the button. If you do nothing, your offer stays as it was.',
  'mail.confirm.heldRequest':
    'You sent the form again for dates that overlap your request. To apply what you sent to that request instead of adding a second one, open this link and press the button. If you do nothing, your request stays as it was.',
  'mail.confirm.placedRequest':
    'You sent the form again for dates that overlap the stay already arranged for you, so we did not add a second request and changed nothing.',
  'mail.confirm.placedLink': 'Your private link shows the stay and your host’s contact.',
  'mail.confirm.placedTelegram':
    'Press “{button}” in your Telegram chat with Haven: the page it opens shows the stay and your host’s contact.',
  'mail.confirm.placedProblem':
    'If this stay is no longer possible, press “There is a problem” on that page: a coordinator will get in touch with you and help.',
  'mail.confirm.confirmAsk':
    'Please confirm your email address: open this link and press the button on the page.',
  'mail.confirm.confirmButton': 'Confirm my address',
  'mail.confirm.applyButton': 'Apply the changes',
  'mail.confirm.pendingOffer': 'Until you confirm, your offer is not matched with anyone.',
  'mail.confirm.pendingRequest': 'Until you confirm, we cannot look for a place for you.',
  'mail.confirm.confirmExpiry': 'The confirmation link works for 7 days.',
  'mail.confirm.facts': 'What you told us',
  'mail.confirm.manageIntro': 'Your private link to see, change, pause or withdraw it at any time:',
  'mail.confirm.manageButton': 'See or change my details',
  'mail.confirm.manageKeep':
    'Keep this email and do not forward it: anyone with this link can change your details.',
  'mail.confirm.notYou':
    'If you did not fill in the form, ignore this email. Nothing happens without confirmation.',
  'mail.proposal.subject':
    'Haven: new proposal · {party, plural, one {# person} other {# people}} → {place} ({beds, plural, one {# bed} other {# beds}}) · from {date}',
  'mail.proposal.intro': 'Haven proposes this pair. Please decide by {due}.',
  'mail.proposal.contact': 'Contact details (for coordinators only)',
  'mail.proposal.contactNote': 'Host and seeker see each other’s contact details only after you approve.',
  'mail.proposal.contactValue': '{name}: {email}, phone {phone}',
  'mail.placement.subjectHost': 'Haven: your guests’ contact details',
  'mail.placement.subjectSeeker': 'Haven: we found you a place in {place} – your host’s contact details',
  'mail.placement.introHost': 'A coordinator has approved a stay at your place. Here is who is coming.',
  'mail.placement.introSeeker':
    'Good news: a coordinator has approved a place for you in {place}. Here is how to reach your host.',
  'mail.placement.guests': 'Your guests',
  'mail.placement.host': 'Your host',
  'mail.placement.openEnded': 'not fixed yet',
  'mail.placement.nextHost':
    'Please get in touch with them soon to agree on the day and time of arrival, and give them your address yourself.',
  'mail.placement.problemHost':
    'If something goes wrong, before your guests arrive or during their stay, open the private link in Haven’s first email to you (the one in which you confirmed your address) and press “There is a problem”: a coordinator will get in touch with you.',
  'mail.placement.nextSeeker':
    'Please get in touch with your host soon to agree on the day and time of arrival; they will give you the address.',
  'mail.placement.endsEarly':
    'Your host can have you until the morning of {date}, not until {asked} as you had asked. Please send a new request in good time for the nights from {date} onwards, and we will look for a place for those nights too.',
  'mail.placement.safety':
    'If anything feels wrong, you do not have to go ahead. Haven’s first email to you (the one in which you confirmed your address) holds your private link; on its page, press “There is a problem” and a coordinator will get in touch with you.',
  'mail.placement.problemHostButton':
    'If something goes wrong, before your guests arrive or during their stay, open your private page with the button below and press “There is a problem”: a coordinator will get in touch with you. Don’t forward this message: the button is yours alone.',
  'mail.placement.safetyButton':
    'If anything feels wrong, you do not have to go ahead. Open your private page with the button below and press “There is a problem”: a coordinator will get in touch with you. Don’t forward this message: the button is yours alone.',
  'mail.availability.subject': 'Haven: is your place still available?',
  'mail.availability.question': 'You offered a place to stay on Haven. Is it still available?',
  'mail.availability.yes': 'Yes, still available',
  'mail.availability.no': 'No longer available',
  'mail.availability.deadline':
    'If we do not hear from you within a week, we pause the offer: nobody is proposed to you until you press “Yes, still available”.',
  'mail.paused.subject': 'Haven: your offer is paused',
  'mail.paused.intro':
    'A week ago we asked whether your place is still available and did not hear back, so we have paused your offer: nobody is proposed to you for now.',
  'mail.paused.action': 'If you can still host, press the button and your offer is open again:',
  'mail.paused.otherwise':
    'If the place is no longer available, you do not need to do anything: nobody will be proposed to you, and on {date} the offer will close by itself.',
  'mail.checkIn.subject': 'Haven: how is the stay going?',
  'mail.checkIn.dayHost': 'Your guests {other} arrived on {from}; today is day {day} of their stay with you.',
  'mail.checkIn.daySeeker': 'You arrived at {other}’s on {from}; today is day {day} of your stay.',
  'mail.checkIn.dayHostUnnamed': 'Your guests arrived on {from}; today is day {day} of their stay with you.',
  'mail.checkIn.daySeekerUnnamed': 'You arrived at your host’s on {from}; today is day {day} of your stay.',
  'mail.checkIn.fine': 'If all is well, there is nothing to do.',
  'mail.checkIn.problem':
    'If there is a problem, tell us with the link below: a coordinator will get in touch with you.',
  'mail.checkIn.button': 'There is a problem',
  'mail.checkIn.linkNote': 'The link opens a page with one button; nothing is sent until you press it.',
  'mail.problem.subject': 'Haven: a problem was reported in a placement · {place} · from {date}',
  'mail.problem.reportedByHost': 'The host reported a problem with the link in their check-in mail.',
  'mail.problem.reportedBySeeker': 'The guest reported a problem with the link in their check-in mail.',
  'mail.problem.intro': 'Please get in touch with both sides of this placement:',
  'mail.problem.introOneSide':
    'Please get in touch with whoever reported it (the other side’s data has been deleted from Haven):',
  'mail.problem.hostContact': 'Host',
  'mail.problem.guestContact': 'Guest',
  'mail.problem.openHost': 'Open the host’s offer in the workspace',
  'mail.problem.openGuest': 'Open the guest’s request in the workspace',
  'mail.problem.reportedAt': 'Reported',
  'mail.void.subject': 'Haven: proposal void · {place} · from {date}',
  'mail.void.intro': 'This proposal is void and can no longer be approved or declined:',
  'mail.void.expired': 'nobody decided by {due}.',
  'mail.void.offerWithdrawn': 'the host withdrew the offer.',
  'mail.void.offerClosed': 'a coordinator closed the offer.',
  'mail.void.requestClosed': 'a coordinator closed the request.',
  'mail.void.offerBlocked': 'a coordinator blocked the host’s address or Telegram chat.',
  'mail.void.requestBlocked': 'a coordinator blocked the seeker’s address or Telegram chat.',
  'mail.void.offerEnded': 'the offer’s last available night has passed, so it is closed.',
  'mail.void.requestWithdrawn': 'the seeker withdrew the request.',
  'mail.void.offerPaused':
    'the offer was paused (by the host, or because the host did not confirm it is still available).',
  'mail.void.offerRejected': 'a coordinator rejected the host at the host check.',
  'mail.void.requestPaused': 'the seeker paused the request.',
  'mail.void.requestUnanswered':
    'the seeker did not answer “still looking?” within a week, so the request expired.',
  'mail.void.offerChanged':
    'the host changed the offer (dates, beds or other details), so the facts you would decide on are out of date.',
  'mail.void.requestChanged':
    'the seeker changed the request (dates, people or other details), so the facts you would decide on are out of date.',
  'mail.void.nothingToDo':
    'There is nothing to do. The beds are free again and Haven looks for other matches.',
  'mail.void.proposed': 'Proposed',

  'coordinator.title': 'Coordinator workspace',
  'coordinator.signIn.title': 'Sign in as a coordinator',
  'coordinator.signIn.lead':
    'Enter the address you are listed with. We will email you a link that signs you in; it works once, for 15 minutes.',
  'coordinator.signIn.email': 'Email address',
  'coordinator.signIn.submit': 'Email me a sign-in link',
  'coordinator.signIn.missing': 'Enter your email address.',
  'coordinator.signIn.sent.title': 'Check your inbox',
  'coordinator.signIn.sent.text':
    'If {email} belongs to a coordinator, a sign-in link is on its way. It works once, for 15 minutes.',
  'coordinator.signIn.sent.textNoAddress':
    'If the address belongs to a coordinator, a sign-in link is on its way. It works once, for 15 minutes.',
  'coordinator.signIn.sent.help':
    'Nothing after a few minutes? Look in the spam folder, or ask whoever runs Haven for your group whether your address is listed.',
  'coordinator.link.title': 'Sign in to the workspace',
  'coordinator.link.lead':
    'Press the button to sign in on this device. The session ends after 12 hours, or after 2 hours without use.',
  'coordinator.link.button': 'Sign in',
  'coordinator.link.unchanged': 'Nothing has happened yet: press the button to sign in.',
  'coordinator.signedInAs': 'Signed in as {email}',
  'coordinator.countries': 'Countries: {countries}',
  'coordinator.countries.all': 'all',
  'coordinator.signOut': 'Sign out',
  'coordinator.queue.country': 'Country',
  'coordinator.queue.show': 'Show',
  'coordinator.queue.pickCountry': 'Choose a country to see its queue.',
  'coordinator.queue.proposals': 'Proposals to decide',
  'coordinator.queue.waiting': 'People waiting',
  'coordinator.queue.verify': 'Hosts to verify',
  'coordinator.queue.problems': 'Problems reported',
  'coordinator.queue.stale': 'Offers going stale',
  'coordinator.queue.unreachable': 'No way to reach them',
  'coordinator.queue.unreachableHint':
    'They gave no email address, no phone number and no Telegram username. They are not matched until they add one.',
  'coordinator.queue.empty': 'Nothing here right now.',
  'coordinator.queue.more': 'Show more',
  'coordinator.queue.later': 'None on this page; there are more on the next.',
  'coordinator.row.people': '{count, plural, one {# person} other {# people}}',
  'coordinator.row.children': '{count, plural, one {# child} other {# children}}',
  'coordinator.row.beds': '{count, plural, one {# bed} other {# beds}}',
  'coordinator.row.anywhere': 'anywhere',
  'coordinator.row.noContact': 'no contact given',
  'coordinator.row.justNow': 'just now',
  'coordinator.row.problem.host': 'The host reports a problem',
  'coordinator.row.problem.seeker': 'The guest reports a problem',
  'coordinator.problem.resolve': 'Mark as dealt with',
  'coordinator.decide.request': 'The request',
  'coordinator.decide.offer': 'The offer',
  'coordinator.decide.first': 'Someone else decided first.',

  'coordinator.record.offer': 'Offer: {name}',
  'coordinator.record.request': 'Request: {name}',
  'coordinator.record.contact': 'Contact',
  'coordinator.record.email': 'Email',
  'coordinator.record.phone': 'Phone',
  'coordinator.record.telegram': 'Telegram account',
  'coordinator.record.telegramNoUsername': 'no username: reachable only through the bot’s chat',
  'coordinator.record.telegramChat': 'chat {chat}',
  'coordinator.chatRefused.title': 'Telegram messages no longer reach this person',
  'coordinator.chatRefused.text':
    'Telegram refused Haven’s message to them: they blocked the bot or deleted their account. Until they write to the bot again, Haven’s messages in Telegram do not reach them. Last message refused: {when}.',
  'coordinator.chatRefused.mailed':
    'So that message went to their email address instead, and so will the next ones.',
  'coordinator.chatRefused.notMailed':
    'They gave no email address, so no message from Haven reaches them at all: reach them another way (by their Telegram username or phone, if they gave one).',
  'coordinator.unreachable.title': 'No way to reach this person',
  'coordinator.unreachable.host':
    'This host gave no email address, no phone number and no Telegram username. A seeker placed here would have no way to contact them, so this offer is not matched until they add one, and a proposal made before cannot be approved.',
  'coordinator.unreachable.seeker':
    'This seeker gave no email address, no phone number and no Telegram username. A host would have no way to contact them, so this request is not matched until they add one, and a proposal made before cannot be approved.',
  'coordinator.unreachable.todo.host':
    'What to do: the host can add a phone number or an email address through the link in their Telegram chat with the bot; the offer is then matched again by itself. Until then, decline any proposal made before.',
  'coordinator.unreachable.todo.seeker':
    'What to do: the seeker can add a phone number or an email address through the link in their Telegram chat with the bot; the request is then matched again by itself. Until then, decline any proposal made before.',
  'coordinator.unreachable.todoChatRefused':
    'What to do: their chat with the bot refuses Haven’s messages too (below), so nothing reaches them now. Until that changes, decline any proposal made before. If they write to the bot again, they can add a phone number or an email address through the link in that chat; if they do not, close the record.',
  'coordinator.unreachable.todoNoChat':
    'What to do: nobody, Haven included, can reach this person. Close the record; if they get in touch again, they can send the form again.',
  'coordinator.record.facts': 'Facts',
  'coordinator.record.status': 'Status',
  'coordinator.record.reference': 'Reference',
  'coordinator.record.received': 'Received',
  'coordinator.record.people': 'People',
  'coordinator.record.placed': 'Placed',
  'coordinator.record.erasedAt': 'Erased',
  'coordinator.record.erasedHint':
    'Only what the overview counts is kept: the status, the country, the city and how many people. Names, contacts, the dates asked for, needs and languages are gone.',
  'coordinator.record.erasedOffer': 'Offer, personal data erased',
  'coordinator.record.erasedRequest': 'Request, personal data erased',
  'coordinator.record.erasedLeft': 'What is left',
  'coordinator.record.notes': 'Notes from the form',
  'coordinator.record.actions': 'Actions',
  'coordinator.propose.link': 'Propose a pair: the five best candidates',
  'coordinator.propose.title': 'Propose a pair for {name}',
  'coordinator.propose.back': 'Back to the record',
  'coordinator.propose.hint':
    'The candidates the matcher itself would consider, best first, with how each scores. A pair that breaks a hard rule cannot be proposed. Proposing mails the coordinators the usual proposal to approve.',
  'coordinator.propose.none': 'The matcher would consider nobody for this record now.',
  'coordinator.propose.button': 'Propose this pair',
  'coordinator.propose.blocked': 'Cannot be proposed: {rules}.',
  'coordinator.propose.made': 'Proposed. The coordinators get the proposal to approve, as from the matcher.',
  'coordinator.propose.refused':
    'Not proposed: something changed and the pair now breaks a hard rule. Nothing was written.',
  'coordinator.rule.open': 'one of the two is not open for matching',
  'coordinator.rule.1-capacity': 'not enough free beds on those nights',
  'coordinator.rule.2-accepts': 'the offer does not take pets, children or step-free needs as asked',
  'coordinator.rule.3-dates': 'the offer is not available on the arrival date',
  'coordinator.rule.4-place': 'too far, or another country',
  'coordinator.rule.5-safe-household': 'the seeker asked for a safe household',
  'coordinator.rule.6-declined': 'this pair was declined before',
  'coordinator.rule.6-one-pending': 'the request already has a pending proposal',
  'coordinator.record.proposals': 'Proposals',
  'coordinator.record.proposalStay': 'stay from {date}',
  'coordinator.record.proposalMade': 'proposed {when}',
  'coordinator.record.looked': 'Who has looked at it',
  'coordinator.record.history': 'History',
  'coordinator.record.historyOlder': 'Older events',
  'coordinator.record.historyNewest': 'Newest events',
  'coordinator.history.link': 'a link in a mail',
  'coordinator.history.process': 'Haven, automatically',
  'coordinator.history.owner': 'the person themselves',
  'coordinator.history.by.confirmLink': 'the person, by the confirm link',
  'coordinator.history.by.manageLink': 'the person, by their private link',
  'coordinator.history.by.approveLink': 'a coordinator, by the “Approve” link in the mail',
  'coordinator.history.by.declineLink': 'a coordinator, by the “Decline” link in the mail',
  'coordinator.history.by.reminderLink': 'the person, by the link in the reminder',
  'coordinator.history.by.problemLink': 'the person, by the “There is a problem” link',
  'coordinator.history.by.matcher': 'Haven’s matcher',
  'coordinator.history.by.operator': 'an operator, on a request to delete the data',
  'coordinator.history.by.migration': 'an operator, updating the stored data after a new release',
  'coordinator.history.event.submitted': 'Sent in; the address is not confirmed yet',
  'coordinator.history.event.resubmittedHeld':
    'Sent again from the same address; the changes wait until it is confirmed',
  'coordinator.history.event.resubmittedPlaced':
    'Sent again for the dates of the stay already arranged; nothing added or changed',
  'coordinator.history.event.withdrawnPlacedRepeat':
    'Withdrawn: its address, once confirmed, already had a stay arranged for these dates',
  'coordinator.history.event.submittedTelegram': 'Sent from Telegram; open at once',
  'coordinator.history.event.resubmittedTelegram': 'Sent again from Telegram; updated at once',
  'coordinator.history.event.confirmed': 'Address confirmed; open for matching',
  'coordinator.history.event.resubmissionConfirmed': 'Changes sent again from the same address confirmed',
  'coordinator.history.event.paused': 'Paused',
  'coordinator.history.event.resumed': 'Open again',
  'coordinator.history.event.withdrawn': 'Withdrawn',
  'coordinator.history.event.closed': 'Closed',
  'coordinator.history.event.changed': 'Changed',
  'coordinator.history.event.changedFields': 'Changed: {fields}',
  'coordinator.history.event.bedsHeld': 'Beds held for a proposal',
  'coordinator.history.event.bedsReleased': 'Beds free again: a proposal no longer stands',
  'coordinator.history.event.bedsPlaced': 'Beds taken: a coordinator approved the placement',
  'coordinator.history.event.hostVerified': 'Host checked',
  'coordinator.history.event.hostRejected': 'Host rejected after a check',
  'coordinator.history.event.proposed': 'A host was proposed; waiting for a coordinator’s decision',
  'coordinator.history.event.placed': 'Placed: a coordinator approved the proposal',
  'coordinator.history.event.reopened': 'Looking again: the proposal no longer stands',
  'coordinator.history.event.viewed': 'Opened this record',
  'coordinator.history.event.viewedTimes':
    '{count, plural, one {Opened this record} other {Opened this record # times}}',
  'coordinator.history.event.noteAdded': 'Added an internal note',
  'coordinator.history.event.blocked': 'Address blocked; closed',
  'coordinator.history.event.unblocked': 'Block lifted; can be matched again',
  'coordinator.history.event.blockedWithAddress': 'Telegram chat confirmed a blocked address; chat blocked',
  'coordinator.history.event.blockedWithChat':
    'A blocked Telegram chat confirmed the address; address blocked',
  'coordinator.history.event.asked.offer': 'Asked whether the place is still available',
  'coordinator.history.event.asked.request': 'Asked whether they are still looking',
  'coordinator.history.event.unanswered.offer': 'No answer to the reminder: paused',
  'coordinator.history.event.unanswered.request': 'No answer to the reminder: expired',
  'coordinator.history.event.stillOn.offer': 'Answered: the place is still available',
  'coordinator.history.event.stillOn.request': 'Answered: still looking',
  'coordinator.history.event.over.offer': 'Answered: the place is no longer available; closed',
  'coordinator.history.event.over.request': 'Answered: no longer looking; withdrawn',
  'coordinator.history.event.ended': 'Closed: the last available day has passed',
  'coordinator.history.event.lapsed.offer': 'Closed: nobody resumed it in time',
  'coordinator.history.event.lapsed.request': 'Expired: nobody resumed it in time',
  'coordinator.history.event.expired': 'Expired: the departure date has passed',
  'coordinator.history.event.erased': 'Personal data erased',
  'coordinator.history.event.erasePendingCancelled':
    'Its pending proposals cancelled before its personal data is erased',
  'coordinator.history.event.merged': 'Merged into the record of the same address; personal data erased',
  'coordinator.history.event.addressHeld': 'Address given in Telegram; it applies once its owner confirms it',
  'coordinator.history.event.addressDropped':
    'Address removed: it was typed in Telegram and nobody confirmed it',
  'coordinator.history.event.endedAtBackfilled': 'Erasure date now counted from the day it ended',
  'coordinator.history.event.pausedAtBackfilled': 'Pause now counted from the day it began',
  'coordinator.history.event.placeRenamed':
    'Place name clarified: the old name now means another place; location unchanged',
  'coordinator.action.pause': 'Pause',
  'coordinator.action.reopen': 'Reopen',
  'coordinator.action.close': 'Close',
  'coordinator.block.title': 'The address',
  'coordinator.block.hint':
    'Blocking closes every record from this address and cancels their pending proposals (their coordinators are told). Whatever it sends later is accepted as usual, answered and mailed as usual, and never matched.',
  'coordinator.block.block': 'Block this address',
  'coordinator.block.blocked': 'Blocked by {by}, {at}. What it sends is accepted and never matched.',
  'coordinator.block.unblock': 'Lift the block',
  'coordinator.block.notYours':
    'A coordinator of other countries set this block: only they, or a coordinator of all countries, can lift it.',
  'coordinator.block.sentWhileBlocked': 'Sent while the address was blocked: never matched',
  'coordinator.block.chatTitle': 'This Telegram chat',
  'coordinator.block.chatHint':
    'Blocking closes every record from this chat and cancels their pending proposals (their coordinators are told). Whatever it sends later is accepted and answered as usual, and never matched.',
  'coordinator.block.chatBlock': 'Block this chat',
  'coordinator.block.chatBlocked': 'Blocked by {by}, {at}. What it sends is accepted and never matched.',
  'coordinator.block.chatSentWhileBlocked': 'Sent while the chat was blocked: never matched',
  'coordinator.note.title': 'Internal notes',
  'coordinator.note.hint': 'Only coordinators see these notes; they are never mailed to anyone.',
  'coordinator.note.label': 'New note',
  'coordinator.note.add': 'Add the note',
  'coordinator.verify.title': 'Host check',
  'coordinator.verify.none': 'No coordinator has checked this host yet.',
  'coordinator.verify.closed':
    'Hosts are checked only while their offer is open or paused; this offer has closed.',
  'coordinator.verify.verified': 'Checked by {by} on {at}: {method}.',
  'coordinator.verify.rejected': 'Rejected by {by} on {at}: {reason}',
  'coordinator.verify.rejected-erased':
    'Rejected by {by} on {at} (the reason was erased with the host’s details)',
  'coordinator.verify.how': 'How did you check the host?',
  'coordinator.verify.method.phone': 'phone call',
  'coordinator.verify.method.id': 'identity document seen',
  'coordinator.verify.method.visit': 'visit',
  'coordinator.verify.confirm': 'Record the check',
  'coordinator.verify.reason': 'Why is this host rejected?',
  'coordinator.verify.reject': 'Reject the host',
  'coordinator.verify.first':
    'This host has not been checked yet. Record how you checked them, then the proposal is approved.',
  'coordinator.verify.firstRejected':
    'A coordinator rejected this host; the offer’s page says who and why. Approve only if you have checked the host again since: record how, then the proposal is approved. Otherwise decline it.',
  'coordinator.verify.andApprove': 'Record the check and approve',
  'coordinator.verify.whom': 'Whom to check',
  'coordinator.verify.what':
    'What to check: that the host is who they say they are (a call, an identity document or a visit), and that the place is as the offer says: where it is, how many beds, from when.',

  'coordinator.search.title': 'Find anyone',
  'coordinator.search.label': 'Email address, phone number, @username or reference',
  'coordinator.search.button': 'Find',
  'coordinator.search.none': 'Nobody with exactly this address, number or reference in your countries.',
  'coordinator.export.requests': 'Download requests (CSV)',
  'coordinator.export.offers': 'Download offers (CSV)',
  'coordinator.export.all.requests': 'Download requests of all your countries (CSV)',
  'coordinator.export.all.offers': 'Download offers of all your countries (CSV)',
  'coordinator.export.allCountries': 'all your countries',
  'coordinator.export.order.countries':
    'Country after country, in the order of their two-letter codes (DE, PL, TR…).',
  'coordinator.export.title.requests': 'Requests as CSV: {country}',
  'coordinator.export.title.offers': 'Offers as CSV: {country}',
  'coordinator.export.explain.requests':
    'Every confirmed request in every state (open, proposed, placed, paused, withdrawn, expired) until its personal data is erased; the status column tells which. At most {rows, plural, one {# record} other {# records}} in a file: a large country comes in several parts.',
  'coordinator.export.explain.offers':
    'Every confirmed offer in every state (open, paused, closed) until its personal data is erased; the status column tells which. At most {rows, plural, one {# record} other {# records}} in a file: a large country comes in several parts.',
  'coordinator.export.order':
    'Oldest first, in the order they were confirmed; the order runs on from one part to the next, and records confirmed later are added at the end.',
  'coordinator.export.part': 'Part {part}: {rows, plural, =1 {record {from}} other {records {from}–{to}}}',
  'coordinator.export.none': 'No records: the file holds only the column names',
  'coordinator.export.next': 'Next parts',
  'coordinator.nav.overview': 'Country at a glance',
  'coordinator.nav.label': 'Workspace',
  'coordinator.nav.queue': 'Queue',
  'coordinator.account': 'Account',
  'coordinator.summary.label': 'In this queue',
  'coordinator.summary.proposals':
    '{count, plural, one {{shown} proposal to decide} other {{shown} proposals to decide}}',
  'coordinator.summary.waiting':
    '{count, plural, one {{shown} request waiting} other {{shown} requests waiting}}',
  'coordinator.summary.verify': '{count, plural, one {{shown} host to check} other {{shown} hosts to check}}',
  'coordinator.summary.problems':
    '{count, plural, one {{shown} problem reported} other {{shown} problems reported}}',
  'coordinator.summary.unreachable': '{count, plural, other {{shown} unreachable}}',
  'coordinator.summary.stale':
    '{count, plural, one {{shown} offer going stale} other {{shown} offers going stale}}',
  'coordinator.summary.later': '{section}: on later pages',
  'coordinator.summary.none': 'Nothing waits in this queue right now.',
  'overview.title': 'The country at a glance',
  'overview.title.country': '{country} at a glance',
  'overview.pickCountry': 'Choose a country to see its numbers.',
  'overview.toQueue': 'Back to the queue',
  'overview.figure.waiting': 'People waiting',
  'overview.figure.parties': '{count, plural, one {in # party} other {in # parties}}',
  'overview.figure.bedsTonight': 'Beds free tonight',
  'overview.figure.pending': 'Proposals to decide',
  'overview.figure.placed': 'Placed this week',
  'overview.figure.medianWait': 'Median wait for a place',
  'overview.why.title': 'Why nobody matched',
  'overview.why.asOf': 'As the matcher found on {time}.',
  'overview.why.unknown': 'The matcher has not looked at this country yet.',
  'overview.why.empty': 'Every request has a proposal or a place.',
  'overview.why.place':
    '{count, plural, one {# party waits in {city} with no open offer within reach} other {# parties wait in {city} with no open offer within reach}}',
  'overview.why.place.supply': '{count, plural, one {# open offer there} other {# open offers there}}',
  'overview.why.capacity':
    '{count, plural, one {# party in {city} is larger than any free place nearby} other {# parties in {city} are larger than any free place nearby}}',
  'overview.why.capacity.supply':
    '{count, plural, one {the largest offer there has # bed} other {the largest offer there has # beds}}',
  'overview.why.children':
    '{count, plural, one {# family with children waits in {city}} other {# families with children wait in {city}}}',
  'overview.why.children.supply':
    '{count, plural, =0 {no offer there accepts children} one {# offer there accepts children} other {# offers there accept children}}',
  'overview.why.pets':
    '{count, plural, one {# party with pets waits in {city}} other {# parties with pets wait in {city}}}',
  'overview.why.pets.supply':
    '{count, plural, =0 {no offer there accepts pets} one {# offer there accepts pets} other {# offers there accept pets}}',
  'overview.why.stepFree':
    '{count, plural, one {# party needing step-free access waits in {city}} other {# parties needing step-free access wait in {city}}}',
  'overview.why.stepFree.supply':
    '{count, plural, =0 {no offer there is step-free} one {# offer there is step-free} other {# offers there are step-free}}',
  'overview.why.safeHousehold':
    '{count, plural, one {# party asking for a safe household waits in {city}} other {# parties asking for a safe household wait in {city}}}',
  'overview.why.safeHousehold.supply':
    '{count, plural, one {# host there is a woman, a couple or a family} other {# hosts there are women, couples or families}}',
  'overview.why.dates':
    '{count, plural, one {# party in {city} arrives before a fitting offer opens} other {# parties in {city} arrive before a fitting offer opens}}',
  'overview.why.dates.supply': '{count, plural, one {# open offer there} other {# open offers there}}',
  'overview.why.declined':
    '{count, plural, one {# party in {city} fits only offers it was declined for before} other {# parties in {city} fit only offers they were declined for before}}',
  'overview.why.several':
    '{count, plural, one {# party in {city} is kept out by more than one rule} other {# parties in {city} are kept out by more than one rule}}',
  'overview.why.none':
    '{count, plural, one {# party in {city} fits an offer; the next matching run will propose it} other {# parties in {city} fit an offer; the next matching run will propose them}}',
  'overview.chart.intake': 'New offers and requests per day',
  'overview.chart.intake.alt':
    'In the last {days, plural, one {# day} other {# days}}: {offers, plural, one {# offer} other {# offers}}, {requests, plural, one {# request} other {# requests}} for {people, plural, one {# person} other {# people}}.',
  'overview.chart.intake.none':
    'No offers or requests in the last {days, plural, one {# day} other {# days}}.',
  'overview.chart.placements': 'People placed per day',
  'overview.chart.placements.alt':
    'In the last {days, plural, one {# day} other {# days}} {people, plural, one {# person} other {# people}} found a place; the most on {day}: {most}.',
  'overview.chart.placements.none':
    'Nobody was placed in the last {days, plural, one {# day} other {# days}}.',
  'overview.chart.waits': 'How long people waited for a place',
  'overview.chart.waits.alt':
    '{count, plural, one {# party placed so far; half waited less than {median}.} other {# parties placed so far; half waited less than {median}.}}',
  'overview.chart.waits.none': 'Nobody has been placed yet.',
  'overview.chart.supply': 'Beds offered and people waiting, by city',
  'overview.chart.supply.alt':
    'Most people wait in {city}: {people, plural, one {# person} other {# people}}, {beds, plural, one {# bed} other {# beds}} offered.',
  'overview.chart.supply.none': 'No open offers and nobody waiting.',
  'overview.series.offers': 'offers',
  'overview.series.requests': 'requests',
  'overview.series.people': 'people in requests',
  'overview.series.placed': 'people placed',
  'overview.series.beds': 'beds offered',
  'overview.series.waiting': 'people waiting',
  'overview.series.parties': 'parties',
  'overview.table.show': 'Show the numbers',
  'overview.table.day': 'Day',
  'overview.table.city': 'City',
  'overview.table.waited': 'Days waited',
  'overview.map.title': 'Where people wait and where the beds are',
  'overview.map.alt':
    'Map of {country}: in each city a filled circle for the people waiting and a ring for the beds offered, larger for more.',
  'overview.cities.title': 'By city',
  'overview.cities.anywhere': 'anywhere in the country',

  'coordinator.mail.subject': 'Your Haven sign-in link',
  'coordinator.mail.intro': 'Someone asked to sign in to the Haven coordinator workspace with this address.',
  'coordinator.mail.button': 'Sign in',
  'coordinator.mail.expires': 'The link works once, until {until}.',
  'coordinator.mail.ignore': 'If this was not you, ignore this mail: nothing happens without the link.',

  'checkIn.problem.title': 'Is something wrong with the stay?',
  'checkIn.problem.lead':
    'Press the button and a coordinator will get in touch with you. Nothing is sent until you press it.',
  'checkIn.problem.button': 'Tell a coordinator',
  'checkIn.problem.done.title': 'A coordinator has been told',
  'checkIn.problem.done.text':
    'They will get in touch with you soon. If you are in danger, call the local emergency number.',

  'availability.yes.title': 'Is your place still available?',
  'availability.yes.lead': 'Press the button to confirm. We will ask again in two weeks.',
  'availability.yes.pausedLead':
    'Your offer is paused because we did not hear from you. Press the button to confirm and open it again.',
  'availability.yes.button': 'Yes, still available',
  'availability.no.title': 'Is your place no longer available?',
  'availability.no.lead':
    'Pressing the button closes your offer: nobody will be proposed to you any more. Stays already agreed are not affected.',
  'availability.no.button': 'No longer available',
  'availability.facts.title': 'Your offer',
  'availability.confirmed.title': 'Thank you',
  'availability.confirmed.text': 'Your offer stays open. We will ask again in two weeks.',
  'availability.resumed.title': 'Your offer is open again',
  'availability.resumed.text':
    'Thank you. Haven can propose guests to you again; we will ask again in two weeks.',
  'availability.closed.title': 'Your offer is closed',
  'availability.closed.text': 'Thank you for helping. Nobody will be proposed to you any more.',
  'stillLooking.yes.title': 'Are you still looking for a place?',
  'stillLooking.yes.lead': 'Press the button to confirm. We will ask again in two weeks.',
  'stillLooking.yes.button': 'Yes, still looking',
  'stillLooking.no.title': 'Are you no longer looking?',
  'stillLooking.no.lead':
    'Press the button and we withdraw your request: we will propose no more places to you.',
  'stillLooking.no.button': 'No longer looking',
  'stillLooking.facts.title': 'Your request',
  'stillLooking.confirmed.title': 'Thank you',
  'stillLooking.confirmed.text': 'Your request stays open. We will ask again in two weeks.',
  'stillLooking.closed.title': 'Your request is withdrawn',
  'stillLooking.closed.text': 'Thank you for letting us know. We wish you all the best.',
  'stillLooking.mail.subject': 'Haven: are you still looking for a place?',
  'stillLooking.mail.question': 'You asked Haven for a place to stay. Are you still looking?',
  'stillLooking.mail.deadline':
    'If we do not hear from you within a week, your request expires and we will propose no more places to you. You can always send a new one.',
} as const;

export type MessageKey = keyof typeof en;
export type Catalog = Record<MessageKey, string>;
