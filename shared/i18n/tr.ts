import type { Catalog } from './en.ts';

export const tr: Catalog = {
  'site.name': 'Haven',
  'site.tagline': 'Evini bırakmak zorunda kalanlara gönüllülerin bulduğu yatak',
  'site.skip': 'İçeriğe geç',
  'site.language': 'Dil',
  'site.privacy':
    'Haven teklifleri ve talepleri hiçbir zaman yayımlamaz. İletişim bilgilerinizi gönüllü bir koordinatör görür; karşı taraf ise ancak koordinatör eşleşmeyi onayladıktan sonra görür.',
  'site.home': 'Ana sayfaya dön',
  'site.places_credit': 'Yer adları ve koordinatlar şu kaynaktan uyarlanmıştır:',

  'landing.title': 'Güvenli bir kalacak yer, birlikte',
  'landing.lead':
    'Haven, evini bırakmak zorunda kalan insanları boş yatağı olan yerel ev sahipleriyle buluşturur. Kimse adres paylaşmadan önce gönüllü bir koordinatör her eşleşmeyi kontrol eder.',
  'landing.host.title': 'Misafir ağırlayabilirim',
  'landing.host.text': 'Bir süreliğine yatak, oda ya da daire sunun.',
  'landing.host.cta': 'Yer teklif et',
  'landing.seek.title': 'Kalacak yere ihtiyacım var',
  'landing.seek.text': 'Kimin, nereye ve ne zaman geleceğini anlatın.',
  'landing.seek.cta': 'Yer bul',
  'landing.how.title': 'Nasıl işler?',
  'landing.how.1': 'Kısa bir form doldurun. Yaklaşık üç dakika sürer, hesap açmanız gerekmez.',
  'landing.how.2': 'Size gönderdiğimiz bağlantıyla e-posta adresinizi onaylayın.',
  'landing.how.3':
    'Önerilen her eşleşmeyi bir koordinatör inceler. Ev sahibi ile misafir, birbirlerinin iletişim bilgilerini ancak koordinatör onayladıktan sonra alır.',

  'form.offer.title': 'Kalacak yer teklif edin',
  'form.offer.lead':
    'Sunabileceğiniz yatakları anlatın. Burada yazdıklarınız yayımlanmaz: yalnızca eşleşmeleri inceleyen koordinatörler görür.',
  'form.request.title': 'Kalacak yer bulun',
  'form.request.lead':
    'Kimin, nereye ve ne zaman geleceğini anlatın. Burada yazdıklarınız yayımlanmaz: yalnızca eşleşmeleri inceleyen koordinatörler görür.',
  'form.optional': 'isteğe bağlı',
  'form.optionalWithUsername': 'Telegram hesabınızın kullanıcı adı varsa isteğe bağlı',
  'form.phoneUnlessEmail': 'e-posta adresi yazmazsanız zorunlu',
  'form.emailUnlessPhone': 'telefon numarası yazmazsanız zorunlu',
  'form.offer.submit': 'Teklifimi gönder',
  'form.request.submit': 'Talebimi gönder',
  'form.errors.title': 'Lütfen aşağıdaki hataları düzeltin',
  'form.errors.lead': 'Henüz hiçbir şey gönderilmedi. Aşağıdaki alanları düzeltip formu yeniden gönderin.',
  'form.telegramStale.title': 'Henüz hiçbir şey gönderilmedi',
  'form.telegramStale.text':
    'Bu form Telegram’da bir günden uzun süre önce açıldı; bu yüzden Telegram, formu sizin gönderdiğinizi artık teyit edemiyor. Formu kapatın ve botumuzla sohbetinizdeki düğmeyle yeniden açın (düğmeleri görmüyorsanız /start gönderin).',
  'form.telegramStale.kept':
    'Yazdıklarınız bu cihaza kaydedildi. Formu bir gün içinde yeniden açarsanız alanlar kendiliğinden doldurulur.',
  'form.telegramDraftRestored':
    'Geçen sefer yazdıklarınızla alanları yeniden doldurduk. Kontrol edip formu gönderin.',
  'form.select.choose': 'Seçin…',
  'form.country.common': 'Sık seçilenler',
  'form.country.all': 'Tüm ülkeler',
  'form.honeypot': 'Bu alanı boş bırakın',

  'fieldset.you': 'Sizin hakkınızda',
  'fieldset.languages': 'Konuştuğunuz diller',
  'fieldset.place': 'Nerede',
  'fieldset.dates': 'Ne zaman',
  'fieldset.home': 'Eviniz',
  'fieldset.party': 'Kimler geliyor',
  'fieldset.needs': 'İhtiyaçlarınız',
  'fieldset.notes': 'Başka bir şey',

  'field.name': 'Adınız',
  'field.name.hint': 'Yalnızca adınız yeterli.',
  'field.email': 'E-posta adresi',
  'field.email.hint': 'Onay bağlantısını buraya göndeririz.',
  'field.email.telegramHint':
    'Size Telegram’dan yazarız. E-posta adresinizi yalnızca Telegram’dan size ulaşamazsak kullanırız.',
  'prompt.email.question': 'Şunu mu demek istediniz: {email}?',
  'prompt.email.use': '{email} olarak düzelt',
  'field.phone': 'Telefon numarası',
  'field.phone.hint': 'Ülke koduyla birlikte, örneğin +90 555 123 45 67.',
  'field.phone.telegramHint':
    'Ülke koduyla birlikte, örneğin +90 555 123 45 67. Telegram hesabınızın kullanıcı adı yoksa ev sahibiniz ya da misafirleriniz size ulaşabilsin diye bir telefon numarası ya da e-posta adresi yazın.',
  'prompt.phone':
    'Bu numarada ülke kodu yok. Ev sahibiniz ya da misafirleriniz sizi her telefondan arayabilsin diye lütfen ekleyin (örneğin Türkiye için +90, Ukrayna için +380).',
  'form.sentSince':
    'Buraya “{title}” sayfasından mı döndünüz? O hâlde form bize ulaştı: gelen kutunuzda e-postamızı arayın. Yeniden göndermenize gerek yok.',
  'field.languages': 'Diller',
  'field.languages.hint': 'Konuşabildiğiniz tüm dilleri işaretleyin.',
  'field.languagesOther': 'Diğer diller',
  'field.languagesOther.hint': 'Virgülle ayrılmış iki harfli kodlar, örneğin ar, fa.',
  'field.country': 'Ülke',
  'field.city': 'Şehir veya kasaba',
  'field.city.hint': 'Yazmaya başlayın, öneri çıkarsa listeden seçin.',
  'field.city.requestHint': 'Ülkenin herhangi bir yeri uygunsa boş bırakın.',
  'field.maxDistanceKm': 'Bu şehre en fazla kaç kilometre uzaklıkta',
  'field.maxDistanceKm.hint': 'Bu mesafe içindeki yerlere bakarız. Genellikle 50.',
  'field.availableFrom': 'Şu tarihten itibaren müsait',
  'field.availableTo': 'Şu tarihe kadar müsait',
  'field.availableTo.hint': 'Henüz bilmiyorsanız boş bırakın.',
  'field.beds': 'Yatak sayısı',
  'field.beds.hint': 'Kaç kişinin kalabileceğini yazın, 1 ile 50 arası.',
  'field.petsAllowed': 'Evcil hayvan kabul edilir',
  'field.childrenAllowed': 'Çocuk kabul edilir',
  'field.stepFree': 'Basamaksız erişim (sokaktan yatağa kadar merdiven yok)',
  'field.multipleParties': 'Aynı anda birden fazla aile ya da grup ağırlayabilirim',
  'field.hostHousehold': 'Evinizde kimler yaşıyor?',
  'field.hostHousehold.hint':
    'Güvenli bir hane isteyen misafirlere, örneğin çocuklarıyla yalnız yolculuk eden kadınlara, yalnızca bir kadının, kadınların, bir çiftin ya da bir ailenin yaşadığı evleri öneriyoruz. Bu soruyu boş bırakırsanız evinizi bu misafirlere öneremeyiz.',
  'field.hostHousehold.none': 'Belirtmek istemiyorum',
  'household.single_man': 'Yalnız yaşayan bir erkek',
  'household.single_woman': 'Yalnız yaşayan bir kadın',
  'household.men': 'Yalnızca erkekler',
  'household.women': 'Yalnızca kadınlar',
  'household.couple': 'Bir çift',
  'household.family': 'Bir aile',
  'household.other': 'Diğer',
  'field.arrival': 'Varış tarihi',
  'field.departure': 'Ayrılış tarihi',
  'field.departure.hint': 'Henüz bilmiyorsanız boş bırakın.',
  'field.adults': 'Yetişkin',
  'field.adults.hint': 'Siz de dâhil.',
  'field.children': 'Çocuk (18 yaş altı)',
  'field.pets': 'Yanımızda evcil hayvan var',
  'field.needsStepFree': 'Grubumuzda basamaksız erişime ihtiyacı olan biri var',
  'field.safeHousehold':
    'Bizi yalnızca bir kadının, kadınların, bir çiftin ya da bir ailenin yaşadığı bir eve yerleştirin',
  'field.safeHousehold.hint':
    'BMMYK, yalnız yolculuk eden kadınlar ve çocuklar için bunu önerir. Ev sahibinin evde kimlerin yaşadığını belirtmediği evler size önerilmez.',
  'field.notes': 'Bilmemiz gereken başka bir şey var mı?',
  'field.notes.hint': 'Adresinizi buraya yazmayın: adres yalnızca eşleşme onaylandıktan sonra paylaşılır.',
  'field.notes.left': 'Kalan karakter: {count}',
  'field.notes.over': 'Sınırı aşan karakter: {count}',

  'issue.required': 'Lütfen bu alanı doldurun.',
  'issue.invalid_type': 'Lütfen bu alanı doldurun.',
  'issue.too_small': 'Bu değer çok küçük.',
  'issue.too_big': 'Bu değer çok büyük.',
  'issue.too_long': 'Bu çok uzun. Lütfen kısaltın.',
  'issue.notes.too_long':
    'Notlara en fazla 2.000 karakter sığar. Hiçbir şeyi kesmedik: lütfen metni kendiniz kısaltın.',
  'issue.invalid_format': 'Lütfen biçimi kontrol edin.',
  'issue.invalid_value': 'Lütfen seçeneklerden birini seçin.',
  'issue.invalid_characters': 'Lütfen bu alandan satır sonu gibi özel karakterleri kaldırın.',
  'issue.invalid_date': 'Lütfen geçerli bir tarih girin.',
  'issue.date_in_past': 'Bu tarih geçmişte kaldı.',
  'issue.date_order': 'Bu tarih ilk tarihten önce olamaz.',
  'issue.unknown_city': 'Bu yeri seçilen ülkede bulamadık.',
  'issue.city_suggestions': 'Şunu mu demek istediniz: {suggestions}?',
  'issue.city_choices': 'Şunu mu demek istediniz:',
  'issue.unknown_country': 'Lütfen listeden bir ülke seçin.',
  'issue.unknown_language': 'Lütfen iki harfli dil kodları kullanın, örneğin en veya ka.',
  'issue.contact_required':
    'Telegram hesabınızın kullanıcı adı olmadığı için ev sahibiniz ya da misafirleriniz size oradan yazamaz. Lütfen bir telefon numarası ya da e-posta adresi yazın.',
  'issue.unrecognized_keys': 'Formda tanımadığımız alanlar vardı. Lütfen sayfayı yenileyin.',
  'issue.invalid': 'Lütfen bu alanı kontrol edin.',
  'issue.name.required': 'Lütfen adınızı yazın.',
  'issue.email.required': 'Lütfen e-posta adresinizi girin.',
  'issue.email.invalid_format': 'Lütfen ad@ornek.com biçiminde bir e-posta adresi girin.',
  'issue.phone.invalid_format': 'Lütfen yalnızca rakam, boşluk, parantez, “+” ve “-” kullanın.',
  'issue.languages.required': 'Lütfen en az bir dil işaretleyin.',
  'issue.languages.too_small': 'Lütfen en az bir dil işaretleyin.',
  'issue.country.required': 'Lütfen bir ülke seçin.',
  'issue.city.required': 'Lütfen şehri veya kasabayı yazın.',
  'issue.availableFrom.required': 'Lütfen misafir kabul edebileceğiniz ilk günü girin.',
  'issue.availableTo.date_order': 'Bu tarih, müsait olduğunuz ilk günden önce olamaz.',
  'issue.beds.required': 'Lütfen yatak sayısını girin.',
  'issue.beds.too_small': 'Lütfen en az 1 yatak sunun.',
  'issue.beds.too_big': 'Lütfen en fazla 50 yatak girin.',
  'issue.beds.invalid_type': 'Lütfen 1 ile 50 arasında bir tam sayı girin.',
  'issue.maxDistanceKm.too_small': 'Lütfen en az 1 km girin.',
  'issue.maxDistanceKm.too_big': 'Lütfen en fazla 1000 km girin.',
  'issue.maxDistanceKm.invalid_type': 'Lütfen mesafeyi kilometre olarak girin.',
  'issue.arrival.required': 'Lütfen varış tarihinizi girin.',
  'issue.departure.date_order': 'Ayrılış tarihi varış tarihinden önce olamaz.',
  'issue.adults.required': 'Lütfen yetişkin sayısını girin.',
  'issue.adults.too_small': 'Grupta en az bir yetişkin olmalı.',
  'issue.adults.too_big': 'Bu kadar yetişkini aynı anda yerleştiremeyiz.',
  'issue.adults.invalid_type': 'Lütfen bir tam sayı girin.',
  'issue.children.too_small': 'Sayı negatif olamaz.',
  'issue.children.too_big': 'Bu kadar çocuğu aynı anda yerleştiremeyiz.',
  'issue.children.invalid_type': 'Lütfen bir tam sayı girin.',

  'inbox.title': 'Gelen kutunuza bakın',
  'inbox.sent': '{email} adresine bir e-posta gönderdik.',
  'inbox.sentNoAddress': 'Size bağlantı içeren bir e-posta gönderdik.',
  'inbox.offer':
    'Adresinizi onaylamak için e-postadaki bağlantıyı açın. Onaylayana kadar evinizi kimseye önermeyiz.',
  'inbox.request':
    'Adresinizi onaylamak için içindeki bağlantıyı açın. Onaylayana kadar sizin için yer aramaya başlayamayız.',
  'inbox.manage':
    'Aynı e-postada, daha sonra değiştirmek, duraklatmak veya geri çekmek için size özel bir bağlantı var. Saklayın ve kimseye iletmeyin.',
  'inbox.spam':
    'Birkaç dakika geçti ve hâlâ gelmedi mi? İstenmeyen (spam) klasörüne bakın. Adres yanlışsa formu yeniden doldurun.',

  'telegram.start':
    'Merhaba! Haven, evini terk etmek zorunda kalan insanların yerel ev sahiplerinin yanında güvenli bir kalacak yer bulmasına yardım eder. Aşağıdaki düğmelerden birine basın: form doğrudan Telegram’da açılır. Kimse bir adresi öğrenmeden önce gönüllü bir koordinatör her eşleşmeyi kontrol eder.',
  'telegram.hint':
    'Lütfen aşağıdaki düğmeleri kullanın: formları onlar açar. Düğmeleri yeniden görmek için istediğiniz zaman /start gönderin.',
  'telegram.received.title': 'Teşekkürler, bilgileriniz bize ulaştı',
  'telegram.received.offer':
    'Teklifiniz açık. Bir koordinatör sizin için bir misafiri onayladığında size burada, Telegram’da yazacağız.',
  'telegram.received.request':
    'Talebiniz açık ve sizin için yer arıyoruz. Bir koordinatör uygun bir yeri onaylar onaylamaz size burada, Telegram’da yazacağız.',
  'telegram.updated.offer':
    'Bu yeri bu tarihler için zaten teklif etmiştiniz; bu yüzden ikinci bir teklif oluşturmadık, ilkini az önce gönderdiklerinizle güncelledik.',
  'telegram.updated.request':
    'Bu tarihler için bizden zaten yer istemiştiniz; bu yüzden ikinci bir talep oluşturmadık, ilkini az önce gönderdiklerinizle güncelledik.',
  'telegram.received.address':
    'Verdiğiniz adrese de bağlantı içeren bir e-posta gönderdik. Adresi onaylamak için içindeki bağlantıyı açın; onaylayana kadar bu adresi kullanmayız.',
  'telegram.received.manage':
    'Aşağıdaki düğme, daha sonra değiştirmek, duraklatmak ya da geri çekmek için size özel bir sayfa açar. Bu mesajı kimseye iletmeyin.',
  'telegram.received.close': 'Artık bu pencereyi kapatabilirsiniz.',
  'telegram.ended.title.request': 'Haven: talebinizle ilgili bir gelişme',
  'telegram.ended.title.offer': 'Haven: teklifinizle ilgili bir gelişme',
  'telegram.ended.request':
    'Sizin için uygun olabilecek bir yer bulmuştuk, ancak bu sefer olmadı. Talebiniz yeniden açık ve aramaya devam ediyoruz. Bir şey yapmanıza gerek yok: bir koordinatör uygun bir yeri onaylar onaylamaz size burada yazacağız.',
  'telegram.ended.offer': 'Yeriniz için uygun olabilecek misafirler bulmuştuk, ancak bu sefer olmadı.',
  'telegram.ended.offer.open':
    'Teklifiniz yeniden açık ve misafir aramaya devam ediyoruz. Bir şey yapmanıza gerek yok: bir koordinatör sizin için misafir onayladığında size burada yazacağız.',
  'telegram.ended.offer.paused': 'Teklifiniz duraklatıldı; siz devam ettirene kadar onu kimseye önermiyoruz.',
  'telegram.ended.offer.closed': 'Teklifiniz kapandı; bu yüzden artık onu kimseye önermiyoruz.',
  'telegram.placed.title': 'Size zaten kalacak bir yer bulundu',
  'telegram.placed.message':
    'Size burada, Telegram’da bir mesaj gönderdik: mesajdaki düğme, konaklamayı ve ev sahibinizin iletişim bilgilerini gösteren bir sayfa açar.',
  'telegram.address.title': 'E-posta adresiniz onaylandı',
  'telegram.address.text':
    'Teşekkürler. Size Telegram’dan yazmaya devam ediyoruz; bu adresi yalnızca Telegram’dan size ulaşamazsak kullanırız. Bir koordinatör eşleşmeyi onayladığında ev sahibiniz ya da misafirleriniz bu adresi görür. Artık bu pencereyi kapatabilirsiniz.',
  'telegram.address.placed':
    'Bu talebin tarihleri, bu adres için zaten bulunan konaklamayla çakışıyor; bu yüzden onu ikinci bir talep olarak açmadık ve talebi gönderen Telegram sohbetine bunu bildirdik. Bu konaklama artık mümkün değilse sayfasındaki “Bir sorun var” düğmesine basın: bir koordinatör sizinle iletişime geçip yardımcı olacak. Artık bu pencereyi kapatabilirsiniz.',
  'telegram.placedAddress.title': 'Bu adres için zaten bir konaklama bulundu',
  'telegram.placedAddress.message':
    'Bu adres için bu tarihlerde zaten bir konaklama ayarlandı, bu yüzden bu talebi işleme almadık. O konaklama sizin değilse formu kendi adresinizle ya da adres vermeden yeniden gönderin.',
  'telegram.no.closeOffer': 'Teklifimi kapat',
  'telegram.no.withdrawRequest': 'Talebimi geri çek',
  'telegram.no.offerAlert':
    'Teklifinizi kapatmak için mesajın altındaki “{button}” düğmesine basın: size artık kimse önerilmez. Önceden kararlaştırılmış konaklamalar etkilenmez.',
  'telegram.no.requestAlert':
    'Talebinizi geri çekmek için mesajın altındaki “{button}” düğmesine basın: size artık yer önermeyiz.',
  'telegram.answered': 'Teşekkürler, not edildi.',
  'telegram.used':
    'Bu düğme artık kullanılamaz. Bu düğmeyle daha önce yapılan işlem geçerliliğini korur; şimdi hiçbir şey değişmedi.',

  'link.gone.title': 'Bu bağlantı artık kullanılamaz',
  'link.gone.text':
    'Daha önce kullanılmış, süresi dolmuş ya da eksik kopyalanmış olabilir. Bu bağlantıyla daha önce yapılan işlem geçerliliğini korur; şimdi hiçbir şey değişmedi.',
  'link.gone.help':
    'Teklifinizi ya da talebinizi değiştirmek için Haven’dan gelen en son e-postayı kullanın veya sizi buraya yönlendiren gönüllülerle iletişime geçin.',
  'link.gone.helpDecision':
    'Öneri e-postasındaki bağlantılar, öneri onaylandığında ya da reddedildiğinde, süresi dolduğunda veya geçersiz hâle geldiğinde artık çalışmaz. Hâlâ karar bekleyenler koordinatör panelindeki kuyrukta yer alır.',
  'link.gone.toQueue': 'Kuyruğu aç',
  'link.gone.helpSignIn':
    'Giriş bağlantısı yalnızca bir kez kullanılabilir ve 15 dakika geçerlidir. Giriş sayfasından yeni bir bağlantı isteyin.',
  'link.gone.newSignIn': 'Yeni bağlantı iste',

  'confirm.title': 'E-posta adresinizi onaylayın',
  'confirm.offer.lead': 'Adresinizi onaylamak için düğmeye basın. Ardından teklifiniz eşleştirmeye açılır.',
  'confirm.request.lead':
    'Adresinizi onaylamak için düğmeye basın. Ardından sizin için yer aramaya başlarız.',
  'confirm.placedAddress.lead':
    'Bu adres için bu tarihlerde zaten bir konaklama ayarlandı. Onaylarsanız Telegram’dan gönderilen bu talep, adresi almak yerine kapatılır ve sohbete, konaklama hakkında hiçbir şey söylenmeden bu bildirilir.',
  'confirm.button': 'Adresimi onayla',
  'confirm.done.title': 'Teşekkürler, adresiniz onaylandı',
  'confirm.offer.done':
    'Teklifiniz açık. Bir koordinatör eşleşmeyi onayladığında misafirin bilgilerini size e-postayla göndereceğiz.',
  'confirm.request.done':
    'Sizin için yer arıyoruz. Bir koordinatör eşleşmeyi onayladığında ev sahibinin bilgilerini size e-postayla göndereceğiz.',
  'confirm.manageLink': 'Bilgilerinizi görün veya değiştirin',

  'manage.offer.title': 'Teklifiniz',
  'manage.request.title': 'Talebiniz',
  'manage.facts': 'Elimizdeki bilgiler',
  'manage.status': 'Durum',
  'manage.yes': 'Evet',
  'manage.no': 'Hayır',
  'manage.notSet': 'Belirtilmedi',
  'manage.pause.title': 'Bir süreliğine duraklat',
  'manage.pause.text': 'Duraklatılan teklif, siz yeniden açana kadar kimseyle eşleştirilmez.',
  'manage.pause.button': 'Teklifimi duraklat',
  'manage.pause.request.text':
    'Talebiniz duraklatıldığı sürece size yer önermeyiz. Koordinatör kararı bekleyen bir eşleşme varsa iptal edilir. Talebinizi istediğiniz zaman devam ettirebilirsiniz.',
  'manage.pause.request.button': 'Talebimi duraklat',
  'manage.resume.title': 'Yeniden aç',
  'manage.resume.text':
    'Teklifiniz duraklatıldı. Devam ettirdiğinizde onu yeniden misafirlere önermeye başlarız.',
  'manage.resume.button': 'Teklifimi devam ettir',
  'manage.resume.request.text':
    'Talebiniz duraklatıldı. Devam ettirdiğinizde sizin için yeniden yer aramaya başlarız.',
  'manage.resume.request.button': 'Talebimi devam ettir',
  'manage.edit.offer.title': 'Teklifinizi değiştirin',
  'manage.edit.request.title': 'Talebinizi değiştirin',
  'manage.edit.lead':
    'Bize verdiğiniz her bilgiyi burada düzeltebilirsiniz. E-posta adresiniz burada değiştirilemez: başka bir adres kullanmak için o adresle yeni bir form gönderin.',
  'manage.edit.button': 'Değişiklikleri kaydet',
  'manage.withdraw.title': 'Geri çek',
  'manage.withdraw.offer.text':
    'Artık misafir ağırlayamıyorsanız teklifinizi geri çekin. Bu işlem geri alınamaz.',
  'manage.withdraw.request.text':
    'Artık kalacak yere ihtiyacınız yoksa talebinizi geri çekin. Bu işlem geri alınamaz.',
  'manage.withdraw.offer.button': 'Teklifimi geri çek',
  'manage.withdraw.request.button': 'Talebimi geri çek',
  'manage.done.paused': 'Teklifiniz duraklatıldı.',
  'manage.done.resumed': 'Teklifiniz yeniden açık.',
  'manage.done.request.paused': 'Talebiniz duraklatıldı.',
  'manage.done.request.resumed': 'Talebiniz yeniden açık: sizin için yer arıyoruz.',
  'manage.done.updated': 'Değişiklikleriniz kaydedildi.',
  'manage.done.withdrawn': 'Geri çekildi. Haber verdiğiniz için teşekkürler.',
  'manage.done.problem': 'Koordinatöre bildirildi; kısa süre içinde sizinle iletişime geçecek.',
  'manage.conflict':
    'Bu artık mümkün değildi, bu yüzden hiçbir şey değişmedi. Sayfa şimdi güncel durumu gösteriyor.',
  'manage.closed': 'Bu kayıt kapandı ve artık değiştirilemez.',
  'manage.erase.title': 'Verilerimi şimdi sil',
  'manage.erase.text':
    'Adınız, e-posta adresiniz, telefon numaranız ve notlarınız Haven’dan hemen silinir ve bu bağlantı artık çalışmaz. Kaydınız hâlâ açıksa önce geri çekilir. Bu işlem geri alınamaz.',
  'manage.erase.button': 'Verilerimi şimdi sil',
  'manage.erase.overtaken':
    'Verileriniz silinemedi: tam o sırada kaydınızda bir değişiklik yapılıyordu. Henüz hiçbir şey silinmedi. Lütfen “Verilerimi şimdi sil” düğmesine yeniden basın.',
  'manage.erased.title': 'Verileriniz silindi',
  'manage.erased.text':
    'Adınız, e-posta adresiniz, telefon numaranız ve notlarınız artık bizde değil. Geriye yalnızca anonim istatistikler kaldı. Haven’ı kullandığınız için teşekkürler.',
  'manage.placement.offer.title': 'Misafirleriniz',
  'manage.placement.request.title': 'Ev sahibiniz',
  'manage.placement.offer.lead':
    'Bir koordinatör bu konaklamayı onayladı. Varış gününü ve saatini kararlaştırmak için misafirlerinizle iletişime geçin; adresinizi onlara kendiniz verin.',
  'manage.placement.request.lead':
    'Bir koordinatör sizin için bir yer onayladı. Varış gününü ve saatini kararlaştırmak için ev sahibinizle iletişime geçin; adresi size o verecek.',
  'manage.placement.offer.erased':
    'Misafirleriniz verilerini Haven’dan sildi; bu yüzden iletişim bilgileri artık burada gösterilmiyor.',
  'manage.placement.request.erased':
    'Ev sahibiniz verilerini Haven’dan sildi; bu yüzden iletişim bilgileri artık burada gösterilmiyor.',
  'manage.placement.onlyThem': 'Onlar kaldığı sürece Haven size başka kimseyi önermez.',
  'manage.placement.name': 'Ad',
  'manage.placement.dates': 'Tarihler',
  'manage.placement.openEnded': '{from}, ayrılış tarihi henüz belli değil',
  'manage.placement.checkIns':
    'Konaklamanın nasıl gittiğini sormak için size şu tarihlerde yazacağız: {dates}.',
  'manage.placement.problem.text':
    'Konaklamadan önce ya da konaklama sırasında bir sorun olursa düğmeye basın: bir koordinatör sizinle iletişime geçecek. Tehlikedeyseniz yerel acil durum numarasını arayın.',
  'manage.placement.problem.button': 'Bir sorun var',

  'status.offer.pending': 'E-posta adresinizi onaylamanız bekleniyor',
  'status.offer.open': 'Eşleştirmeye açık',
  'status.offer.paused': 'Duraklatıldı',
  'status.offer.closed': 'Kapandı',
  'status.request.pending': 'E-posta adresinizi onaylamanız bekleniyor',
  'status.request.open': 'Sizin için yer arıyoruz',
  'status.request.paused': 'Duraklatıldı',
  'status.request.proposed': 'Bir eşleşme koordinatör onayı bekliyor',
  'status.request.placed': 'Yerleştirildi',
  'status.request.withdrawn': 'Geri çekildi',
  'status.request.expired': 'Süresi doldu',

  'error.title': 'Bir şeyler ters gitti',
  'error.notFound.title': 'Sayfa bulunamadı',
  'error.notFound.text':
    'Bu adreste bir şey yok. Bağlantıyı kontrol edin ya da ana sayfadan yeniden başlayın.',
  'error.rateLimited.title': 'Çok fazla form',
  'error.rateLimited.text':
    'Son bir saat içinde bu ağdan çok sayıda form aldık. Lütfen bir saat sonra yeniden deneyin.',
  'error.rateLimited.mailbox':
    'Son bir saat içinde bu e-posta adresiyle çok sayıda form gönderildi. Lütfen bir saat sonra yeniden deneyin.',
  'error.rateLimited.chat':
    'Son bir saat içinde bu Telegram hesabından çok sayıda form geldi. Lütfen bir saat sonra yeniden deneyin.',
  'error.rateLimited.signInTitle': 'Lütfen biraz bekleyin',
  'error.rateLimited.signIn':
    'Bu ağdan kısa sürede çok fazla giriş denemesi yapıldı. Lütfen 15 dakika sonra yeniden deneyin.',
  'error.rateLimited.service':
    'Haven şu anda herkesten çok sayıda form alıyor. Lütfen bir saat sonra yeniden deneyin.',
  'error.tooLarge.title': 'Gönderilen veri çok büyük',
  'error.tooLarge.text': 'Form kabul ettiğimizden daha büyüktü. Lütfen notlarınızı kısaltıp yeniden deneyin.',
  'error.badRequest.title': 'Bunu okuyamadık',
  'error.badRequest.text': 'Gönderdiğiniz bilgiler okunamadı. Lütfen geri dönüp yeniden deneyin.',
  'error.unavailable.title': 'Lütfen birazdan yeniden deneyin',
  'error.unavailable.text': 'Şu anda hiçbir şey kaydedemiyoruz. Lütfen birkaç dakika sonra yeniden deneyin.',
  'error.internal.text': 'Bizim tarafımızda bir sorun oluştu. Lütfen yeniden deneyin.',
  'error.forbidden.title': 'Bu formun süresi doldu',
  'error.forbidden.text': 'Hiçbir şey değişmedi. Geri dönün, sayfayı yenileyin ve yeniden deneyin.',

  'decision.approve.title': 'Bu öneri onaylansın mı?',
  'decision.approve.lead':
    'Onaylarsanız ev sahibi ve konaklama arayan, birbirlerinin adını, e-posta adresini ve telefon numarasını içeren bir e-posta alır.',
  'decision.approve.button': 'Onayla',
  'decision.decline.title': 'Bu öneri reddedilsin mi?',
  'decision.decline.lead':
    'Reddederseniz bu eşleşme bir daha önerilmez, yataklar serbest kalır ve Haven başka eşleşmeler arar.',
  'decision.decline.button': 'Reddet',
  'decision.due': 'Son karar zamanı',
  'decision.unchanged': 'Henüz hiçbir şey değişmedi: karar vermek için düğmeye basın.',
  'decision.hostCheckFirst.title': 'Önce ev sahibini kontrol edin',
  'decision.hostCheckFirst.text':
    'Bu ev sahibini henüz hiçbir koordinatör kontrol etmedi, bu yüzden öneri onaylanamaz. Hiçbir şey değiştirilmedi. Ev sahibini nasıl kontrol ettiğinizi koordinatör panelindeki teklif sayfasına kaydedin, ardından orada onaylayın ya da bu bağlantıya geri dönün. Öneriyi e-postadaki “{button}” bağlantısıyla şimdi de reddedebilirsiniz.',
  'decision.hostCheckFirst.link': 'Teklifi panelde aç',
  'decision.hostCheckFirst.contacts':
    'Ev sahibine nasıl ulaşılacağı öneri e-postasında, koordinatör paneline giriş yaptıktan sonra da teklifin sayfasında yazıyor.',
  'decision.hostCheckFirst.rejectedTitle': 'Bu ev sahibi reddedildi',
  'decision.hostCheckFirst.rejectedText':
    'Bir koordinatör bu ev sahibini reddetti, bu yüzden öneri onaylanamaz. Hiçbir şey değiştirilmedi. Öneriyi e-postadaki “{button}” bağlantısıyla reddedebilirsiniz. Yalnızca ev sahibi o zamandan beri yeniden kontrol edildiyse yeni kontrolü koordinatör panelindeki teklif sayfasına kaydedin, sonra orada onaylayın ya da bu bağlantıya geri dönün.',
  'decision.unreachable.title': 'Bu öneri henüz onaylanamaz',
  'decision.unreachable.host':
    'Hiçbir şey değiştirilmedi. Ev sahibi e-posta adresi, telefon numarası ya da Telegram kullanıcı adı vermedi; konaklama arayan kişi ona ulaşamaz. Ev sahibi, Telegram sohbetindeki bağlantıdan bir telefon numarası ya da e-posta adresi ekleyebilir. O zamana kadar öneriyi reddedebilirsiniz.',
  'decision.unreachable.seeker':
    'Hiçbir şey değiştirilmedi. Konaklama arayan kişi e-posta adresi, telefon numarası ya da Telegram kullanıcı adı vermedi; ev sahibi ona ulaşamaz. Konaklama arayan kişi, Telegram sohbetindeki bağlantıdan bir telefon numarası ya da e-posta adresi ekleyebilir. O zamana kadar öneriyi reddedebilirsiniz.',
  'decision.seeker.title': 'Konaklama arayan',
  'decision.host.title': 'Ev sahibi',
  'decision.score.title': 'Puan',
  'decision.fact.name': 'Ad',
  'decision.fact.place': 'Yer',
  'decision.fact.distance': 'Mesafe',
  'decision.fact.beds': 'Yatak sayısı',
  'decision.fact.available': 'Müsait',
  'decision.fact.dates': 'Tarihler',
  'decision.fact.stay': 'Önerilen tarihler',
  'decision.fact.openEnded': 'bitiş tarihi yok',
  'decision.fact.party': 'Kimler geliyor',
  'party.summary': '{adults} yetişkin{children, plural, =0 {} other { ve # çocuk}}',
  'decision.fact.petsAllowed': 'Evcil hayvan kabul',
  'decision.fact.childrenAllowed': 'Çocuk kabul',
  'decision.fact.stepFree': 'Basamaksız erişim',
  'decision.fact.multipleParties': 'Birden fazla grup kabul eder',
  'decision.fact.household': 'Evde kimler yaşıyor',
  'decision.fact.pets': 'Evcil hayvan',
  'decision.fact.needsStepFree': 'Basamaksız erişim gerekli',
  'decision.fact.safeHousehold': 'Güvenli bir hane istiyor',
  'decision.fact.languages': 'Diller',
  'decision.fact.hostCheck': 'Ev sahibi kontrolü',
  'decision.fact.notes': 'Notlar',
  'decision.why.coverage': '{requested} gecenin {covered} gecesi',
  'decision.why.coverageOpen':
    '{requested} gecenin {covered} gecesi; ayrılış tarihi olmadığı için {requested} gece sayıldı',
  'decision.why.closeness': 'aradaki mesafe {km}; en fazla {max} istendi',
  'decision.why.anywhere': 'ülkenin herhangi bir yeri istendi',
  'decision.why.fit': '{beds} yatakta {party} kişi',
  'decision.why.noSharedLanguage': 'yok',
  'decision.why.weight': 'ağırlık {weight}',
  'decision.fact.yes': 'Evet',
  'decision.fact.no': 'Hayır',
  'decision.score.total': 'Toplam',
  'decision.score.coverage': 'Karşılanan geceler',
  'decision.score.closeness': 'Yakınlık',
  'decision.score.fit': 'Yatak doluluğu',
  'decision.score.sharedLanguages': 'Ortak diller',
  'decision.approved.title': 'Onaylandı',
  'decision.approved.text':
    'Ev sahibi ve konaklama arayan birbirlerinin iletişim bilgilerini e-postayla alıyor.',
  'decision.declined.title': 'Reddedildi',
  'decision.declined.text':
    'Bu eşleşme bir daha önerilmeyecek. Haven her ikisi için başka eşleşmeler arıyor.',
  'decision.decided.title': 'Bu öneri için zaten karar verildi',
  'decision.closed.title': 'Bu öneri için artık karar verilemez',
  'decision.decided.approved': 'Öneri onaylandı. Hiçbir şey değiştirilmedi.',
  'decision.decided.declined': 'Öneri reddedildi. Hiçbir şey değiştirilmedi.',
  'decision.decided.expired': 'Kimse karar vermeden süresi doldu. Hiçbir şey değiştirilmedi.',
  'decision.decided.cancelled':
    'Öneri, teklif ya da talep o zamandan beri geri çekildiği, duraklatıldığı veya değiştirildiği ya da bir koordinatör ev sahibini kontrolde reddettiği için iptal edildi. Hiçbir şey değiştirilmedi.',

  'place.anywhere': '{country}, herhangi bir şehir',
  'record.status.offer.pending': 'adres onaylanmadı',
  'record.status.offer.open': 'açık',
  'record.status.offer.paused': 'duraklatıldı',
  'record.status.offer.closed': 'kapandı',
  'record.status.request.pending': 'adres onaylanmadı',
  'record.status.request.open': 'yer arıyor',
  'record.status.request.paused': 'duraklatıldı',
  'record.status.request.proposed': 'eşleşme önerildi, karar bekliyor',
  'record.status.request.placed': 'yerleştirildi',
  'record.status.request.withdrawn': 'geri çekildi',
  'record.status.request.expired': 'süresi doldu',
  'record.status.proposal.pending': 'karar bekliyor',
  'record.status.proposal.approved': 'onaylandı',
  'record.status.proposal.declined': 'reddedildi',
  'record.status.proposal.expired': 'süresi doldu, karar verilmedi',
  'record.status.proposal.cancelled': 'iptal edildi',
  'mail.greeting': 'Merhaba {name},',
  'mail.signature': 'Haven gönüllüleri',
  'mail.oneLink': 'Bağlantı tek düğmeli bir sayfa açar; düğmeye basana kadar hiçbir şey değişmez.',
  'mail.twoLinks': 'Her bağlantı tek düğmeli bir sayfa açar; düğmeye basana kadar hiçbir şey değişmez.',
  'mail.twoLinksChat': 'Onayınız olmadan hiçbir şeyi kapatmayız.',
  'mail.fact.name': 'Ad',
  'mail.fact.email': 'E-posta',
  'mail.fact.phone': 'Telefon',
  'mail.fact.noPhone': 'belirtilmedi',
  'mail.fact.place': 'Yer',
  'mail.fact.dates': 'Tarihler',
  'mail.fact.available': 'Müsait',
  'mail.fact.beds': 'Yatak sayısı',
  'mail.fact.party': 'Kimler geliyor',
  'mail.fact.arrival': 'Varış',
  'mail.fact.departure': 'Ayrılış',
  'mail.fact.openEnded': 'henüz bitiş tarihi yok',
  'mail.dates.from': '{from} tarihinden itibaren, bitiş tarihi yok',
  'mail.confirm.subjectOffer': 'Lütfen Haven’daki teklifinizi onaylayın',
  'mail.confirm.subjectRequest': 'Lütfen Haven’daki talebinizi onaylayın',
  'mail.confirm.subjectHeldOffer': 'Haven’daki teklifinizdeki değişiklikleri onaylayın',
  'mail.confirm.subjectHeldRequest': 'Haven’daki talebinizdeki değişiklikleri onaylayın',
  'mail.confirm.subjectPlacedRequest': 'Haven: size zaten kalacak bir yer bulundu',
  'mail.confirm.thanksOffer': 'Kalacak yer sunduğunuz için teşekkür ederiz.',
  'mail.confirm.thanksRequest': 'Kalacak yer talebinizi aldık.',
  'mail.confirm.heldOffer':
    'Formu teklifinizle çakışan tarihler için yeniden gönderdiniz. İkinci bir teklif eklemek yerine gönderdiklerinizi mevcut teklifinize uygulamak için bu bağlantıyı açın ve düğmeye basın. Hiçbir şey yapmazsanız teklifiniz olduğu gibi kalır.',
  'mail.confirm.heldRequest':
    'Formu talebinizle çakışan tarihler için yeniden gönderdiniz. İkinci bir talep eklemek yerine gönderdiklerinizi mevcut talebinize uygulamak için bu bağlantıyı açın ve düğmeye basın. Hiçbir şey yapmazsanız talebiniz olduğu gibi kalır.',
  'mail.confirm.placedRequest':
    'Formu yeniden gönderdiniz, ancak bu tarihler sizin için zaten bulunan konaklamayla çakışıyor; bu yüzden ikinci bir talep eklemedik ve hiçbir şeyi değiştirmedik.',
  'mail.confirm.placedLink':
    'Size özel bağlantınızda konaklamayı ve ev sahibinizin iletişim bilgilerini görebilirsiniz.',
  'mail.confirm.placedTelegram':
    'Telegram’daki Haven sohbetinizde “{button}” düğmesine basın: açılan sayfada konaklamayı ve ev sahibinizin iletişim bilgilerini görebilirsiniz.',
  'mail.confirm.placedProblem':
    'Bu konaklama artık mümkün değilse o sayfada “Bir sorun var” düğmesine basın: bir koordinatör sizinle iletişime geçip yardımcı olacak.',
  'mail.confirm.confirmAsk':
    'Lütfen e-posta adresinizi onaylayın: bu bağlantıyı açın ve sayfadaki düğmeye basın.',
  'mail.confirm.confirmButton': 'Adresimi onayla',
  'mail.confirm.applyButton': 'Değişiklikleri uygula',
  'mail.confirm.pendingOffer': 'Onaylayana kadar teklifiniz kimseyle eşleştirilmez.',
  'mail.confirm.pendingRequest': 'Onaylayana kadar sizin için yer arayamayız.',
  'mail.confirm.confirmExpiry': 'Onay bağlantısı 7 gün geçerlidir.',
  'mail.confirm.facts': 'Bize bildirdikleriniz',
  'mail.confirm.manageIntro':
    'Kaydınızı istediğiniz zaman görmek, değiştirmek, duraklatmak veya geri çekmek için size özel bağlantınız:',
  'mail.confirm.manageButton': 'Bilgilerimi gör veya değiştir',
  'mail.confirm.manageKeep':
    'Bu e-postayı saklayın ve kimseye iletmeyin: bu bağlantıya sahip olan herkes bilgilerinizi değiştirebilir.',
  'mail.confirm.notYou':
    'Formu siz doldurmadıysanız bu e-postayı dikkate almayın. Onay olmadan hiçbir şey olmaz.',
  'mail.proposal.subject':
    'Haven: yeni öneri · {party} kişi → {place} ({beds} yatak) · {date} tarihinden itibaren',
  'mail.proposal.intro': 'Haven bu eşleşmeyi öneriyor. Lütfen şu zamana kadar karar verin: {due}.',
  'mail.proposal.contact': 'İletişim bilgileri (yalnızca koordinatörler için)',
  'mail.proposal.contactNote':
    'Ev sahibi ve konaklama arayan birbirlerinin iletişim bilgilerini ancak siz onayladıktan sonra görür.',
  'mail.proposal.contactValue': '{name}: {email}, telefon {phone}',
  'mail.placement.subjectHost': 'Haven: misafirlerinizin iletişim bilgileri',
  'mail.placement.subjectSeeker': 'Haven: size bir yer bulduk ({place}) – ev sahibinizin iletişim bilgileri',
  'mail.placement.introHost':
    'Bir koordinatör evinizde konaklamayı onayladı. Size kimlerin geleceği aşağıda.',
  'mail.placement.introSeeker':
    'Güzel haber: bir koordinatör sizin için bir yeri onayladı ({place}). Ev sahibinize nasıl ulaşacağınız aşağıda.',
  'mail.placement.guests': 'Misafirleriniz',
  'mail.placement.host': 'Ev sahibiniz',
  'mail.placement.openEnded': 'henüz belli değil',
  'mail.placement.nextHost':
    'Lütfen varış günü ve saatini kararlaştırmak için kısa süre içinde onlarla iletişime geçin ve adresinizi onlara kendiniz verin.',
  'mail.placement.problemHost':
    'Misafirleriniz gelmeden önce ya da konaklama sırasında bir sorun çıkarsa Haven’ın size gönderdiği ilk e-postadaki (adresinizi onayladığınız e-posta) size özel bağlantıyı açın ve “Bir sorun var” düğmesine basın: bir koordinatör sizinle iletişime geçecek.',
  'mail.placement.nextSeeker':
    'Lütfen varış günü ve saatini kararlaştırmak için kısa süre içinde ev sahibinizle iletişime geçin; adresi size ev sahibi verecek.',
  'mail.placement.endsEarly':
    'Ev sahibiniz sizi, istediğiniz gibi {asked} tarihine kadar değil, yalnızca {date} sabahına kadar ağırlayabilir. Lütfen {date} gecesinden itibaren kalacak bir yer için vakit kaybetmeden yeni bir talep gönderin; o geceler için de yer arayacağız.',
  'mail.placement.safety':
    'İçinize sinmeyen bir şey olursa devam etmek zorunda değilsiniz. Haven’ın size gönderdiği ilk e-postada (adresinizi onayladığınız e-posta) size özel bağlantınız var; o sayfada “Bir sorun var” düğmesine basın, bir koordinatör sizinle iletişime geçecek.',
  'mail.placement.problemHostButton':
    'Misafirleriniz gelmeden önce ya da konaklama sırasında bir sorun çıkarsa aşağıdaki düğmeyle size özel sayfanızı açın ve “Bir sorun var” düğmesine basın: bir koordinatör sizinle iletişime geçecek. Bu mesajı kimseye iletmeyin: düğme yalnızca size özel.',
  'mail.placement.safetyButton':
    'İçinize sinmeyen bir şey olursa devam etmek zorunda değilsiniz. Aşağıdaki düğmeyle size özel sayfanızı açın ve “Bir sorun var” düğmesine basın: bir koordinatör sizinle iletişime geçecek. Bu mesajı kimseye iletmeyin: düğme yalnızca size özel.',
  'mail.availability.subject': 'Haven: yeriniz hâlâ müsait mi?',
  'mail.availability.question': 'Haven’da kalacak bir yer teklif ettiniz. Hâlâ müsait mi?',
  'mail.availability.yes': 'Evet, hâlâ müsait',
  'mail.availability.no': 'Artık müsait değil',
  'mail.availability.deadline':
    'Bir hafta içinde sizden haber alamazsak teklifi duraklatırız: “Evet, hâlâ müsait” düğmesine basana kadar size kimse önerilmez.',
  'mail.paused.subject': 'Haven: teklifiniz duraklatıldı',
  'mail.paused.intro':
    'Bir hafta önce yerinizin hâlâ müsait olup olmadığını sorduk ve yanıt alamadık; bu yüzden teklifinizi duraklattık: şimdilik size kimse önerilmiyor.',
  'mail.paused.action': 'Hâlâ misafir kabul edebiliyorsanız düğmeye basın, teklifiniz yeniden açılır:',
  'mail.paused.otherwise':
    'Yeriniz artık müsait değilse hiçbir şey yapmanıza gerek yok: size kimse önerilmez ve teklif {date} tarihinde kendiliğinden kapanır.',
  'mail.checkIn.subject': 'Haven: konaklama nasıl gidiyor?',
  'mail.checkIn.dayHost':
    'Misafirleriniz {other}, {from} tarihinde geldi; bugün sizde kalışlarının {day}. günü.',
  'mail.checkIn.daySeeker':
    '{from} tarihinde {other} adlı ev sahibinize geldiniz; bugün kalışınızın {day}. günü.',
  'mail.checkIn.dayHostUnnamed':
    'Misafirleriniz {from} tarihinde geldi; bugün sizde kalışlarının {day}. günü.',
  'mail.checkIn.daySeekerUnnamed': '{from} tarihinde ev sahibinize geldiniz; bugün kalışınızın {day}. günü.',
  'mail.checkIn.fine': 'Her şey yolundaysa yapmanız gereken bir şey yok.',
  'mail.checkIn.problem':
    'Bir sorun varsa aşağıdaki bağlantıyla bize bildirin: bir koordinatör sizinle iletişime geçecek.',
  'mail.checkIn.button': 'Bir sorun var',
  'mail.checkIn.linkNote':
    'Bağlantı tek düğmeli bir sayfa açar; düğmeye basana kadar hiçbir şey gönderilmez.',
  'mail.problem.subject': 'Haven: bir yerleştirmede sorun bildirildi · {place} · {date} tarihinden itibaren',
  'mail.problem.reportedByHost': 'Ev sahibi, durum sorma e-postasındaki bağlantıyla bir sorun bildirdi.',
  'mail.problem.reportedBySeeker': 'Misafir, durum sorma e-postasındaki bağlantıyla bir sorun bildirdi.',
  'mail.problem.intro': 'Lütfen bu yerleştirmenin her iki tarafıyla da iletişime geçin:',
  'mail.problem.introOneSide':
    'Lütfen sorunu bildiren kişiyle iletişime geçin (diğer tarafın verileri Haven’dan silindi):',
  'mail.problem.hostContact': 'Ev sahibi',
  'mail.problem.guestContact': 'Misafir',
  'mail.problem.openHost': 'Ev sahibinin teklifini panelde aç',
  'mail.problem.openGuest': 'Misafirin talebini panelde aç',
  'mail.problem.reportedAt': 'Bildirildi',
  'mail.void.subject': 'Haven: öneri geçersiz · {place} · {date} tarihinden itibaren',
  'mail.void.intro': 'Bu öneri artık geçersiz; onaylanamaz veya reddedilemez:',
  'mail.void.expired': 'kimse {due} tarihine kadar karar vermedi.',
  'mail.void.offerWithdrawn': 'ev sahibi teklifini geri çekti.',
  'mail.void.offerClosed': 'bir koordinatör teklifi kapattı.',
  'mail.void.requestClosed': 'bir koordinatör talebi kapattı.',
  'mail.void.offerBlocked': 'bir koordinatör ev sahibinin adresini veya Telegram sohbetini engelledi.',
  'mail.void.requestBlocked':
    'bir koordinatör konaklama arayanın adresini veya Telegram sohbetini engelledi.',
  'mail.void.offerEnded': 'teklifin son müsait gecesi geçti, bu yüzden teklif kapandı.',
  'mail.void.requestWithdrawn': 'konaklama arayan talebini geri çekti.',
  'mail.void.offerPaused':
    'teklif duraklatıldı (ev sahibi tarafından ya da ev sahibi hâlâ müsait olduğunu onaylamadığı için).',
  'mail.void.offerRejected': 'bir koordinatör ev sahibini kontrolde reddetti.',
  'mail.void.requestPaused': 'konaklama arayan talebini duraklattı.',
  'mail.void.requestUnanswered':
    'konaklama arayan, “Hâlâ kalacak yer arıyor musunuz?” sorusunu bir hafta içinde yanıtlamadı; talebin süresi doldu.',
  'mail.void.offerChanged':
    'ev sahibi teklifi değiştirdi (tarihler, yataklar veya diğer bilgiler); karar vereceğiniz bilgiler artık güncel değil.',
  'mail.void.requestChanged':
    'konaklama arayan talebi değiştirdi (tarihler, kişi sayısı veya diğer bilgiler); karar vereceğiniz bilgiler artık güncel değil.',
  'mail.void.nothingToDo':
    'Yapmanız gereken bir şey yok. Yataklar yeniden boş ve Haven başka eşleşmeler arıyor.',
  'mail.void.proposed': 'Önerildi',

  'coordinator.title': 'Koordinatör paneli',
  'coordinator.signIn.title': 'Koordinatör girişi',
  'coordinator.signIn.lead':
    'Koordinatör olarak kayıtlı olduğunuz adresi girin. Size giriş bağlantısı göndereceğiz; bağlantı yalnızca bir kez kullanılabilir ve 15 dakika geçerlidir.',
  'coordinator.signIn.email': 'E-posta adresi',
  'coordinator.signIn.submit': 'Bana giriş bağlantısı gönder',
  'coordinator.signIn.missing': 'E-posta adresinizi girin.',
  'coordinator.signIn.sent.title': 'Gelen kutunuza bakın',
  'coordinator.signIn.sent.text':
    '{email} bir koordinatöre aitse giriş bağlantısı yolda. Bağlantı yalnızca bir kez kullanılabilir ve 15 dakika geçerlidir.',
  'coordinator.signIn.sent.textNoAddress':
    'Adres bir koordinatöre aitse giriş bağlantısı yolda. Bağlantı yalnızca bir kez kullanılabilir ve 15 dakika geçerlidir.',
  'coordinator.signIn.sent.help':
    'Birkaç dakika içinde bir şey gelmedi mi? İstenmeyen posta klasörüne bakın ya da grubunuzda Haven’ı yöneten kişiye adresinizin kayıtlı olup olmadığını sorun.',
  'coordinator.link.title': 'Panele giriş',
  'coordinator.link.lead':
    'Bu cihazda giriş yapmak için düğmeye basın. Oturum 12 saat sonra ya da 2 saat işlem yapılmazsa sona erer.',
  'coordinator.link.button': 'Giriş yap',
  'coordinator.link.unchanged': 'Henüz hiçbir şey olmadı: giriş yapmak için düğmeye basın.',
  'coordinator.signedInAs': '{email} olarak giriş yaptınız',
  'coordinator.countries': 'Ülkeler: {countries}',
  'coordinator.countries.all': 'tümü',
  'coordinator.signOut': 'Çıkış yap',
  'coordinator.queue.country': 'Ülke',
  'coordinator.queue.show': 'Göster',
  'coordinator.queue.pickCountry': 'Kuyruğunu görmek için bir ülke seçin.',
  'coordinator.queue.proposals': 'Karar bekleyen öneriler',
  'coordinator.queue.waiting': 'Yer bekleyenler',
  'coordinator.queue.verify': 'Kontrol edilecek ev sahipleri',
  'coordinator.queue.problems': 'Bildirilen sorunlar',
  'coordinator.queue.stale': 'Güncelliğini yitiren teklifler',
  'coordinator.queue.unreachable': 'Ulaşılamayanlar',
  'coordinator.queue.unreachableHint':
    'E-posta adresi, telefon numarası ya da Telegram kullanıcı adı vermediler. Birini ekleyene kadar eşleştirmeye alınmazlar.',
  'coordinator.queue.empty': 'Şu anda burada bir şey yok.',
  'coordinator.queue.more': 'Daha fazla göster',
  'coordinator.queue.later': 'Bu sayfada yok; sonraki sayfaya bakın.',
  'coordinator.row.people': '{count} kişi',
  'coordinator.row.children': '{count} çocuk',
  'coordinator.row.beds': '{count} yatak',
  'coordinator.row.anywhere': 'herhangi bir yer',
  'coordinator.row.noContact': 'iletişim bilgisi yok',
  'coordinator.row.justNow': 'az önce',
  'coordinator.row.problem.host': 'Ev sahibi bir sorun bildiriyor',
  'coordinator.row.problem.seeker': 'Misafir bir sorun bildiriyor',
  'coordinator.problem.resolve': 'Çözüldü olarak işaretle',
  'coordinator.decide.request': 'Talep',
  'coordinator.decide.offer': 'Teklif',
  'coordinator.decide.first': 'Sizden önce başka bir koordinatör karar verdi.',

  'coordinator.record.offer': 'Teklif: {name}',
  'coordinator.record.request': 'Talep: {name}',
  'coordinator.record.contact': 'İletişim',
  'coordinator.record.email': 'E-posta',
  'coordinator.record.phone': 'Telefon',
  'coordinator.record.telegram': 'Telegram hesabı',
  'coordinator.record.telegramNoUsername': 'kullanıcı adı yok: yalnızca botun sohbetinden ulaşılabilir',
  'coordinator.record.telegramChat': 'sohbet {chat}',
  'coordinator.chatRefused.title': 'Telegram mesajları artık bu kişiye ulaşmıyor',
  'coordinator.chatRefused.text':
    'Telegram, Haven’ın mesajını kendisine iletmedi: botu engellemiş ya da hesabını silmiş. Bota yeniden yazana kadar Haven’ın Telegram mesajları kendisine ulaşmaz. Son iletilemeyen mesaj: {when}.',
  'coordinator.chatRefused.mailed':
    'Bu yüzden mesaj e-posta adresine gönderildi; sonrakiler de öyle gönderilecek.',
  'coordinator.chatRefused.notMailed':
    'E-posta adresi vermediği için Haven’dan hiçbir mesaj almıyor: kendisine başka bir yoldan ulaşın (verdiyse Telegram kullanıcı adı ya da telefonu üzerinden).',
  'coordinator.unreachable.title': 'Bu kişiye ulaşmanın yolu yok',
  'coordinator.unreachable.host':
    'Bu ev sahibi e-posta adresi, telefon numarası ya da Telegram kullanıcı adı vermedi. Buraya yerleştirilen kişi ona ulaşamaz; bu yüzden ev sahibi bir iletişim bilgisi ekleyene kadar bu teklif kimseye önerilmez, daha önce yapılmış bir öneri de onaylanamaz.',
  'coordinator.unreachable.seeker':
    'Konaklama arayan bu kişi e-posta adresi, telefon numarası ya da Telegram kullanıcı adı vermedi. Ev sahibi ona ulaşamaz; bu yüzden bir iletişim bilgisi eklenene kadar bu talep için eşleştirme yapılmaz, daha önce yapılmış bir öneri de onaylanamaz.',
  'coordinator.unreachable.todo.host':
    'Ne yapmalı: ev sahibi, Telegram’da botla olan sohbetindeki bağlantıdan bir telefon numarası ya da e-posta adresi ekleyebilir; o zaman teklif kendiliğinden yeniden eşleştirmeye girer. O zamana kadar, daha önce yapılmış bir öneri varsa reddedin.',
  'coordinator.unreachable.todo.seeker':
    'Ne yapmalı: konaklama arayan kişi, Telegram’da botla olan sohbetindeki bağlantıdan bir telefon numarası ya da e-posta adresi ekleyebilir; o zaman talep kendiliğinden yeniden eşleştirmeye girer. O zamana kadar, daha önce yapılmış bir öneri varsa reddedin.',
  'coordinator.unreachable.todoChatRefused':
    'Ne yapmalı: botla olan sohbeti de Haven’ın mesajlarını kabul etmiyor (aşağıda), yani şu anda kendisine hiçbir şey ulaşmıyor. Bu durum değişene kadar, daha önce yapılmış bir öneri varsa reddedin. Bota yeniden yazarsa o sohbetteki bağlantıdan bir telefon numarası ya da e-posta adresi ekleyebilir; yazmazsa kaydı kapatın.',
  'coordinator.unreachable.todoNoChat':
    'Ne yapmalı: Haven dâhil kimse bu kişiye ulaşamıyor. Kaydı kapatın; kişi sizinle yeniden iletişime geçerse formu baştan gönderebilir.',
  'coordinator.record.facts': 'Bilgiler',
  'coordinator.record.status': 'Durum',
  'coordinator.record.reference': 'Referans',
  'coordinator.record.received': 'Alındı',
  'coordinator.record.people': 'Kişi sayısı',
  'coordinator.record.placed': 'Yerleştirildi',
  'coordinator.record.erasedAt': 'Silindi',
  'coordinator.record.erasedHint':
    'Yalnızca genel bakışta sayılanlar kaldı: durum, ülke, şehir ve kaç kişi olduğu. Adlar, iletişim bilgileri, istenen tarihler, ihtiyaçlar ve diller silindi.',
  'coordinator.record.erasedOffer': 'Teklif, kişisel veriler silindi',
  'coordinator.record.erasedRequest': 'Talep, kişisel veriler silindi',
  'coordinator.record.erasedLeft': 'Geriye kalanlar',
  'coordinator.record.notes': 'Formdaki notlar',
  'coordinator.record.actions': 'İşlemler',
  'coordinator.propose.link': 'Eşleşme öner: en iyi beş aday',
  'coordinator.propose.title': '{name} için eşleşme öner',
  'coordinator.propose.back': 'Kayda dön',
  'coordinator.propose.hint':
    'Otomatik eşleştirmenin değerlendireceği adaylar: en iyisi en üstte, her birinin puanıyla. Kesin bir kuralı çiğneyen eşleşme önerilemez. Öneri, koordinatörlere onay için her zamanki e-postayla gider.',
  'coordinator.propose.none': 'Otomatik eşleştirme şu anda bu kayıt için hiçbir adayı değerlendirmezdi.',
  'coordinator.propose.button': 'Bu eşleşmeyi öner',
  'coordinator.propose.blocked': 'Önerilemez: {rules}.',
  'coordinator.propose.made':
    'Önerildi. Öneri, otomatik eşleştirmeden gelmiş gibi onay için koordinatörlere gider.',
  'coordinator.propose.refused':
    'Önerilmedi: bir şey değişti ve eşleşme artık kesin bir kuralı çiğniyor. Hiçbir şey kaydedilmedi.',
  'coordinator.rule.open': 'iki kayıttan biri şu anda eşleştirmeye açık değil',
  'coordinator.rule.1-capacity': 'o geceler için yeterli boş yatak yok',
  'coordinator.rule.2-accepts':
    'ev sahibi istendiği gibi evcil hayvan ya da çocuk kabul etmiyor veya basamaksız erişim sunmuyor',
  'coordinator.rule.3-dates': 'yer varış gününde müsait değil',
  'coordinator.rule.4-place': 'çok uzak veya başka bir ülke',
  'coordinator.rule.5-safe-household': 'kişi güvenli bir hane istedi',
  'coordinator.rule.6-declined': 'bu eşleşme daha önce reddedildi',
  'coordinator.rule.6-one-pending': 'talebin zaten bekleyen bir önerisi var',
  'coordinator.record.proposals': 'Öneriler',
  'coordinator.record.proposalStay': 'giriş: {date}',
  'coordinator.record.proposalMade': 'öneri tarihi: {when}',
  'coordinator.record.looked': 'Kimler baktı',
  'coordinator.record.history': 'Geçmiş',
  'coordinator.record.historyOlder': 'Daha eski olaylar',
  'coordinator.record.historyNewest': 'En yeni olaylar',
  'coordinator.history.link': 'e-postadaki bir bağlantı',
  'coordinator.history.process': 'Haven, otomatik olarak',
  'coordinator.history.owner': 'kişinin kendisi',
  'coordinator.history.by.confirmLink': 'kişinin kendisi, onay bağlantısıyla',
  'coordinator.history.by.manageLink': 'kişinin kendisi, kendi özel bağlantısıyla',
  'coordinator.history.by.approveLink': 'bir koordinatör, e-postadaki “Onayla” bağlantısıyla',
  'coordinator.history.by.declineLink': 'bir koordinatör, e-postadaki “Reddet” bağlantısıyla',
  'coordinator.history.by.reminderLink': 'kişinin kendisi, hatırlatma e-postasındaki bağlantıyla',
  'coordinator.history.by.problemLink': 'kişinin kendisi, “Bir sorun var” bağlantısıyla',
  'coordinator.history.by.matcher': 'Haven, otomatik eşleştirme',
  'coordinator.history.by.operator': 'bir operatör, verilerin silinmesi isteği üzerine',
  'coordinator.history.by.migration': 'bir operatör, yeni sürümün ardından kayıtlı verileri güncellerken',
  'coordinator.history.event.submitted': 'Gönderildi; adres henüz onaylanmadı',
  'coordinator.history.event.resubmittedHeld':
    'Aynı adresten yeniden gönderildi; değişiklikler adres onaylanınca geçerli olacak',
  'coordinator.history.event.resubmittedPlaced':
    'Bulunan konaklamanın tarihleri için yeniden gönderildi; hiçbir şey eklenmedi ya da değiştirilmedi',
  'coordinator.history.event.withdrawnPlacedRepeat':
    'Geri çekildi: onaylanan adres için bu tarihlerde zaten bir konaklama ayarlandı',
  'coordinator.history.event.submittedTelegram': 'Telegram’dan gönderildi; hemen açıldı',
  'coordinator.history.event.resubmittedTelegram': 'Telegram’dan yeniden gönderildi; hemen güncellendi',
  'coordinator.history.event.confirmed': 'Adres onaylandı; eşleştirmeye açık',
  'coordinator.history.event.resubmissionConfirmed':
    'Aynı adresten yeniden gönderilen değişiklikler onaylandı',
  'coordinator.history.event.paused': 'Duraklatıldı',
  'coordinator.history.event.resumed': 'Yeniden açıldı',
  'coordinator.history.event.withdrawn': 'Geri çekildi',
  'coordinator.history.event.closed': 'Kapatıldı',
  'coordinator.history.event.changed': 'Değiştirildi',
  'coordinator.history.event.changedFields': 'Değiştirildi: {fields}',
  'coordinator.history.event.bedsHeld': 'Yataklar bir öneri için ayrıldı',
  'coordinator.history.event.bedsReleased': 'Yataklar yeniden boş: öneri artık geçerli değil',
  'coordinator.history.event.bedsPlaced': 'Yataklar doldu: bir koordinatör yerleştirmeyi onayladı',
  'coordinator.history.event.hostVerified': 'Ev sahibi kontrol edildi',
  'coordinator.history.event.hostRejected': 'Ev sahibi kontrolden sonra reddedildi',
  'coordinator.history.event.proposed': 'Bir ev sahibi önerildi; koordinatörün kararı bekleniyor',
  'coordinator.history.event.placed': 'Yerleştirildi: bir koordinatör öneriyi onayladı',
  'coordinator.history.event.reopened': 'Yeniden yer arıyor: öneri artık geçerli değil',
  'coordinator.history.event.viewed': 'Kayıt görüntülendi',
  'coordinator.history.event.viewedTimes': '{count, plural, other {Kayıt # kez görüntülendi}}',
  'coordinator.history.event.noteAdded': 'İç not eklendi',
  'coordinator.history.event.blocked': 'Adres engellendi; kapatıldı',
  'coordinator.history.event.unblocked': 'Engel kaldırıldı; yeniden eşleştirilebilir',
  'coordinator.history.event.blockedWithAddress':
    'Telegram sohbetinde engellenmiş bir adres onaylandı; sohbet engellendi',
  'coordinator.history.event.blockedWithChat':
    'Engellenmiş bir Telegram sohbetinde adres onaylandı; adres engellendi',
  'coordinator.history.event.asked.offer': 'Yerin hâlâ müsait olup olmadığı soruldu',
  'coordinator.history.event.asked.request': 'Hâlâ yer arayıp aramadığı soruldu',
  'coordinator.history.event.unanswered.offer': 'Hatırlatmaya yanıt gelmedi: duraklatıldı',
  'coordinator.history.event.unanswered.request': 'Hatırlatmaya yanıt gelmedi: talebin süresi doldu',
  'coordinator.history.event.stillOn.offer': 'Yanıt: yer hâlâ müsait',
  'coordinator.history.event.stillOn.request': 'Yanıt: hâlâ yer arıyor',
  'coordinator.history.event.over.offer': 'Yanıt: yer artık müsait değil; kapatıldı',
  'coordinator.history.event.over.request': 'Yanıt: artık yer aramıyor; talep geri çekildi',
  'coordinator.history.event.ended': 'Kapatıldı: son müsait gün geçti',
  'coordinator.history.event.lapsed.offer': 'Kapatıldı: teklifi kimse zamanında devam ettirmedi',
  'coordinator.history.event.lapsed.request': 'Süresi doldu: talebi kimse zamanında devam ettirmedi',
  'coordinator.history.event.expired': 'Süresi doldu: ayrılış tarihi geçti',
  'coordinator.history.event.erased': 'Kişisel veriler silindi',
  'coordinator.history.event.erasePendingCancelled':
    'Kişisel veriler silinmeden önce karar bekleyen öneriler iptal edildi',
  'coordinator.history.event.merged': 'Aynı adresin kaydıyla birleştirildi; kişisel veriler silindi',
  'coordinator.history.event.addressHeld': 'Adres Telegram’da verildi; sahibi onaylayınca geçerli olacak',
  'coordinator.history.event.addressDropped': 'Adres kaldırıldı: Telegram’da yazılmıştı ve kimse onaylamadı',
  'coordinator.history.event.endedAtBackfilled':
    'Verilerin silinme tarihi artık kaydın sona erdiği güne göre hesaplanıyor',
  'coordinator.history.event.pausedAtBackfilled':
    'Duraklatma süresi artık başladığı günden itibaren hesaplanıyor',
  'coordinator.history.event.placeRenamed':
    'Yer adı netleştirildi: eski ad artık başka bir yeri gösteriyor; konum değişmedi',
  'coordinator.action.pause': 'Duraklat',
  'coordinator.action.reopen': 'Yeniden aç',
  'coordinator.action.close': 'Kapat',
  'coordinator.block.title': 'Adres',
  'coordinator.block.hint':
    'Engellemek bu adresten gelen tüm kayıtları kapatır ve bekleyen eşleşme önerilerini iptal eder (koordinatörlerine bildirilir). Adresin daha sonra gönderdiği her şey her zamanki gibi kabul edilir, yanıtlanır ve e-postası gider, ama hiçbir zaman eşleştirilmez.',
  'coordinator.block.block': 'Bu adresi engelle',
  'coordinator.block.blocked':
    '{by} tarafından {at} tarihinde engellendi. Gönderdikleri kabul edilir ama hiçbir zaman eşleştirilmez.',
  'coordinator.block.unblock': 'Engeli kaldır',
  'coordinator.block.notYours':
    'Bu engeli başka ülkelerden sorumlu bir koordinatör koydu: yalnızca o ya da tüm ülkelerden sorumlu bir koordinatör kaldırabilir.',
  'coordinator.block.sentWhileBlocked': 'Adres engelliyken gönderildi: eşleştirilmez',
  'coordinator.block.chatTitle': 'Bu Telegram sohbeti',
  'coordinator.block.chatHint':
    'Engellemek bu sohbetten gelen tüm kayıtları kapatır ve bekleyen eşleşme önerilerini iptal eder (koordinatörlerine bildirilir). Sohbetin daha sonra gönderdiği her şey her zamanki gibi kabul edilir ve yanıtlanır, ama hiçbir zaman eşleştirilmez.',
  'coordinator.block.chatBlock': 'Bu sohbeti engelle',
  'coordinator.block.chatBlocked':
    '{by} tarafından {at} tarihinde engellendi. Gönderdikleri kabul edilir ama hiçbir zaman eşleştirilmez.',
  'coordinator.block.chatSentWhileBlocked': 'Sohbet engelliyken gönderildi: eşleştirilmez',
  'coordinator.note.title': 'İç notlar',
  'coordinator.note.hint': 'Bu notları yalnızca koordinatörler görür; kimseye e-postayla gönderilmez.',
  'coordinator.note.label': 'Yeni not',
  'coordinator.note.add': 'Notu ekle',
  'coordinator.verify.title': 'Ev sahibi kontrolü',
  'coordinator.verify.none': 'Bu ev sahibini henüz hiçbir koordinatör kontrol etmedi.',
  'coordinator.verify.closed':
    'Ev sahipleri yalnızca teklifleri açıkken veya duraklatılmışken kontrol edilir; bu teklif kapandı.',
  'coordinator.verify.verified': '{by} tarafından {at} tarihinde kontrol edildi: {method}.',
  'coordinator.verify.rejected': '{by} tarafından {at} tarihinde reddedildi: {reason}',
  'coordinator.verify.rejected-erased':
    '{by} tarafından {at} tarihinde reddedildi (gerekçe, ev sahibinin bilgileriyle birlikte silindi)',
  'coordinator.verify.how': 'Ev sahibini nasıl kontrol ettiniz?',
  'coordinator.verify.method.phone': 'telefon görüşmesi',
  'coordinator.verify.method.id': 'kimlik belgesi',
  'coordinator.verify.method.visit': 'ziyaret',
  'coordinator.verify.confirm': 'Kontrolü kaydet',
  'coordinator.verify.reason': 'Bu ev sahibi neden reddedildi?',
  'coordinator.verify.reject': 'Ev sahibini reddet',
  'coordinator.verify.first':
    'Bu ev sahibi henüz kontrol edilmedi. Nasıl kontrol ettiğinizi kaydedin, ardından öneri onaylanır.',
  'coordinator.verify.firstRejected':
    'Bir koordinatör bu ev sahibini reddetti; kimin ve neden reddettiği teklif sayfasında yazıyor. Yalnızca ev sahibini o zamandan beri yeniden kontrol ettiyseniz onaylayın: nasıl kontrol ettiğinizi kaydedin, öneri onaylanır. Aksi hâlde öneriyi reddedin.',
  'coordinator.verify.andApprove': 'Kontrolü kaydet ve onayla',
  'coordinator.verify.whom': 'Kontrol edilecek kişi',
  'coordinator.verify.what':
    'Kontrol edilecekler: ev sahibinin gerçekten kendini tanıttığı kişi olduğu (bir arama, kimlik belgesi ya da ziyaretle) ve yerin teklifte yazdığı gibi olduğu: nerede olduğu, kaç yatak olduğu, hangi tarihten itibaren boş olduğu.',

  'coordinator.search.title': 'Birini bul',
  'coordinator.search.label': 'E-posta adresi, telefon numarası, Telegram @kullanıcı adı veya referans',
  'coordinator.search.button': 'Bul',
  'coordinator.search.none': 'Ülkelerinizde tam olarak bu adrese, numaraya veya referansa sahip kimse yok.',
  'coordinator.export.requests': 'Talepleri indir (CSV)',
  'coordinator.export.offers': 'Teklifleri indir (CSV)',
  'coordinator.export.all.requests': 'Tüm ülkelerinizdeki talepleri indir (CSV)',
  'coordinator.export.all.offers': 'Tüm ülkelerinizdeki teklifleri indir (CSV)',
  'coordinator.export.allCountries': 'tüm ülkeleriniz',
  'coordinator.export.order.countries':
    'Ülkeler, iki harfli kodlarının sırasıyla art arda gelir (DE, PL, TR…).',
  'coordinator.export.title.requests': 'Talepler (CSV): {country}',
  'coordinator.export.title.offers': 'Teklifler (CSV): {country}',
  'coordinator.export.explain.requests':
    'Kişisel verileri silinmemiş tüm onaylı talepler, durumları ne olursa olsun (açık, öneri yapılmış, yerleştirilmiş, duraklatılmış, geri çekilmiş, süresi dolmuş); durum, status sütununda belirtilir. Bir dosyada en fazla {rows, plural, other {# kayıt}}: büyük bir ülkenin kayıtları birkaç bölüme ayrılır.',
  'coordinator.export.explain.offers':
    'Kişisel verileri silinmemiş tüm onaylı teklifler, durumları ne olursa olsun (açık, duraklatılmış, kapanmış); durum, status sütununda belirtilir. Bir dosyada en fazla {rows, plural, other {# kayıt}}: büyük bir ülkenin kayıtları birkaç bölüme ayrılır.',
  'coordinator.export.order':
    'Önce en eski kayıtlar, onaylanma sırasıyla; sıralama bölümden bölüme kesintisiz sürer ve sonradan onaylanan kayıtlar sona eklenir.',
  'coordinator.export.part':
    'Bölüm {part}: {rows, plural, =1 {{from}. kayıt} other {{from}–{to} arası kayıtlar}}',
  'coordinator.export.none': 'Kayıt yok: dosyada yalnızca sütun adları var',
  'coordinator.export.next': 'Sonraki bölümler',
  'coordinator.nav.overview': 'Ülkeye genel bakış',
  'coordinator.nav.label': 'Panel bölümleri',
  'coordinator.nav.queue': 'Kuyruk',
  'coordinator.account': 'Hesap',
  'coordinator.summary.label': 'Bu kuyrukta',
  'coordinator.summary.proposals': '{count, plural, other {{shown} öneri karar bekliyor}}',
  'coordinator.summary.waiting': '{count, plural, other {{shown} talep yer bekliyor}}',
  'coordinator.summary.verify': '{count, plural, other {{shown} ev sahibi kontrol bekliyor}}',
  'coordinator.summary.problems': '{count, plural, other {{shown} sorun bildirildi}}',
  'coordinator.summary.unreachable': '{count, plural, other {{shown} kişiye ulaşılamıyor}}',
  'coordinator.summary.stale': '{count, plural, other {{shown} teklif güncelliğini yitiriyor}}',
  'coordinator.summary.later': '{section}: sonraki sayfalarda',
  'coordinator.summary.none': 'Bu kuyrukta şu an bekleyen bir şey yok.',
  'overview.title': 'Ülkeye genel bakış',
  'overview.title.country': '{country}: genel bakış',
  'overview.pickCountry': 'Rakamları görmek için bir ülke seçin.',
  'overview.toQueue': 'Kuyruğa dön',
  'overview.figure.waiting': 'Bekleyen kişi',
  'overview.figure.parties': '{count, plural, one {# talepte} other {# talepte}}',
  'overview.figure.bedsTonight': 'Bu gece boş yatak',
  'overview.figure.pending': 'Karar bekleyen öneri',
  'overview.figure.placed': 'Bu hafta yerleşen',
  'overview.figure.medianWait': 'Ortanca bekleme süresi',
  'overview.why.title': 'Neden eşleşme yok',
  'overview.why.asOf': 'Otomatik eşleştirmenin bulduğu durum: {time}.',
  'overview.why.unknown': 'Otomatik eşleştirme bu ülkeye henüz bakmadı.',
  'overview.why.empty': 'Her talebin bir önerisi ya da yeri var.',
  'overview.why.place':
    '{count, plural, one {{city}: yakınında açık teklif olmayan # aile bekliyor} other {{city}: yakınında açık teklif olmayan # aile bekliyor}}',
  'overview.why.place.supply':
    '{count, plural, one {orada # açık teklif var} other {orada # açık teklif var}}',
  'overview.why.capacity':
    '{count, plural, one {{city}: # aile için yakında yeterince büyük boş yer yok} other {{city}: # aile için yakında yeterince büyük boş yer yok}}',
  'overview.why.capacity.supply':
    '{count, plural, one {oradaki en büyük teklif # yataklı} other {oradaki en büyük teklif # yataklı}}',
  'overview.why.children':
    '{count, plural, one {{city}: çocuklu # aile bekliyor} other {{city}: çocuklu # aile bekliyor}}',
  'overview.why.children.supply':
    '{count, plural, =0 {orada çocuk kabul eden teklif yok} one {oradaki # teklif çocuk kabul ediyor} other {oradaki # teklif çocuk kabul ediyor}}',
  'overview.why.pets':
    '{count, plural, one {{city}: evcil hayvanlı # aile bekliyor} other {{city}: evcil hayvanlı # aile bekliyor}}',
  'overview.why.pets.supply':
    '{count, plural, =0 {orada evcil hayvan kabul eden teklif yok} one {oradaki # teklif evcil hayvan kabul ediyor} other {oradaki # teklif evcil hayvan kabul ediyor}}',
  'overview.why.stepFree':
    '{count, plural, one {{city}: basamaksız erişime ihtiyacı olan # aile bekliyor} other {{city}: basamaksız erişime ihtiyacı olan # aile bekliyor}}',
  'overview.why.stepFree.supply':
    '{count, plural, =0 {orada basamaksız erişimli teklif yok} one {oradaki # teklifte basamaksız erişim var} other {oradaki # teklifte basamaksız erişim var}}',
  'overview.why.safeHousehold':
    '{count, plural, one {{city}: kadın, çift ya da aile yanında kalmak isteyen # aile bekliyor} other {{city}: kadın, çift ya da aile yanında kalmak isteyen # aile bekliyor}}',
  'overview.why.safeHousehold.supply':
    '{count, plural, one {oradaki # ev sahibi kadın, çift ya da aile} other {oradaki # ev sahibi kadın, çift ya da aile}}',
  'overview.why.dates':
    '{count, plural, one {{city}: # aile, uygun bir teklif açılmadan önce geliyor} other {{city}: # aile, uygun bir teklif açılmadan önce geliyor}}',
  'overview.why.dates.supply':
    '{count, plural, one {orada # açık teklif var} other {orada # açık teklif var}}',
  'overview.why.declined':
    '{count, plural, one {{city}: # aileye yalnızca kendisi için daha önce reddedilmiş teklifler uyuyor} other {{city}: # aileye yalnızca kendileri için daha önce reddedilmiş teklifler uyuyor}}',
  'overview.why.several':
    '{count, plural, one {{city}: # aileyi birden fazla kural engelliyor} other {{city}: # aileyi birden fazla kural engelliyor}}',
  'overview.why.none':
    '{count, plural, one {{city}: # aileye uygun bir teklif var; bir sonraki eşleştirmede önerilecek} other {{city}: # aileye uygun teklifler var; bir sonraki eşleştirmede önerilecekler}}',
  'overview.chart.intake': 'Günlük yeni teklif ve talepler',
  'overview.chart.intake.alt':
    'Son {days, plural, other {#}} günde: {offers, plural, other {#}} teklif, {people, plural, other {#}} kişi için {requests, plural, other {#}} talep.',
  'overview.chart.intake.none': 'Son {days, plural, other {#}} günde hiç teklif ya da talep gelmedi.',
  'overview.chart.placements': 'Günlük yerleşen kişi sayısı',
  'overview.chart.placements.alt':
    'Son {days, plural, other {#}} günde {people, plural, other {#}} kişi yerleşti; en çok {day}: {most}.',
  'overview.chart.placements.none': 'Son {days, plural, other {#}} günde kimse yerleşmedi.',
  'overview.chart.waits': 'Yer bulana kadar ne kadar beklendi',
  'overview.chart.waits.alt':
    '{count, plural, one {Şimdiye kadar # aile yerleşti; yarısının beklemesi {median} altında kaldı.} other {Şimdiye kadar # aile yerleşti; yarısının beklemesi {median} altında kaldı.}}',
  'overview.chart.waits.none': 'Henüz kimse yerleşmedi.',
  'overview.chart.supply': 'Şehir bazında sunulan yatak ve bekleyen kişi',
  'overview.chart.supply.alt':
    'En çok kişinin beklediği şehir {city}: {people, plural, other {#}} kişi, sunulan yatak {beds, plural, other {#}}.',
  'overview.chart.supply.none': 'Açık teklif de bekleyen de yok.',
  'overview.series.offers': 'teklifler',
  'overview.series.requests': 'talepler',
  'overview.series.people': 'taleplerdeki kişi',
  'overview.series.placed': 'yerleşen kişi',
  'overview.series.beds': 'sunulan yatak',
  'overview.series.waiting': 'bekleyen kişi',
  'overview.series.parties': 'aile',
  'overview.table.show': 'Rakamları göster',
  'overview.table.day': 'Gün',
  'overview.table.city': 'Şehir',
  'overview.table.waited': 'Bekleme (gün)',
  'overview.map.title': 'Bekleyenler nerede, yataklar nerede',
  'overview.map.alt':
    '{country} haritası: her şehirde içi dolu daire bekleyen kişileri, boş çember sunulan yatakları gösterir; sayı arttıkça işaret büyür.',
  'overview.cities.title': 'Şehir bazında',
  'overview.cities.anywhere': 'ülkenin herhangi bir yeri',

  'coordinator.mail.subject': 'Haven giriş bağlantınız',
  'coordinator.mail.intro': 'Bu adres için Haven koordinatör paneline giriş bağlantısı istendi.',
  'coordinator.mail.button': 'Giriş yap',
  'coordinator.mail.expires':
    'Bağlantı yalnızca bir kez kullanılabilir ve {until} tarihine kadar geçerlidir.',
  'coordinator.mail.ignore':
    'Bu isteği siz yapmadıysanız bu e-postayı dikkate almayın: bağlantı kullanılmadan hiçbir şey olmaz.',

  'checkIn.problem.title': 'Konaklamada bir sorun mu var?',
  'checkIn.problem.lead':
    'Düğmeye basın, bir koordinatör sizinle iletişime geçsin. Siz basana kadar hiçbir şey gönderilmez.',
  'checkIn.problem.button': 'Koordinatöre bildir',
  'checkIn.problem.done.title': 'Koordinatöre bildirildi',
  'checkIn.problem.done.text':
    'Koordinatör kısa süre içinde sizinle iletişime geçecek. Tehlikedeyseniz yerel acil durum numarasını arayın.',

  'availability.yes.title': 'Yeriniz hâlâ müsait mi?',
  'availability.yes.lead': 'Onaylamak için düğmeye basın. İki hafta sonra yeniden soracağız.',
  'availability.yes.pausedLead':
    'Sizden yanıt alamadığımız için teklifiniz duraklatıldı. Onaylayıp yeniden açmak için düğmeye basın.',
  'availability.yes.button': 'Evet, hâlâ müsait',
  'availability.no.title': 'Yeriniz artık müsait değil mi?',
  'availability.no.lead':
    'Düğmeye bastığınızda teklifiniz kapanır: size artık kimse önerilmez. Önceden kararlaştırılmış konaklamalar etkilenmez.',
  'availability.no.button': 'Artık müsait değil',
  'availability.facts.title': 'Teklifiniz',
  'availability.confirmed.title': 'Teşekkürler',
  'availability.confirmed.text': 'Teklifiniz açık kalıyor. İki hafta sonra yeniden soracağız.',
  'availability.resumed.title': 'Teklifiniz yeniden açık',
  'availability.resumed.text':
    'Teşekkürler. Haven size yeniden misafir önerebilir; iki hafta sonra yeniden soracağız.',
  'availability.closed.title': 'Teklifiniz kapatıldı',
  'availability.closed.text': 'Yardımınız için teşekkürler. Size artık kimse önerilmez.',
  'stillLooking.yes.title': 'Hâlâ kalacak yer arıyor musunuz?',
  'stillLooking.yes.lead': 'Onaylamak için düğmeye basın. İki hafta sonra yeniden soracağız.',
  'stillLooking.yes.button': 'Evet, hâlâ arıyorum',
  'stillLooking.no.title': 'Artık aramıyor musunuz?',
  'stillLooking.no.lead': 'Düğmeye bastığınızda talebinizi geri çekeriz: size artık yer önermeyiz.',
  'stillLooking.no.button': 'Artık aramıyorum',
  'stillLooking.facts.title': 'Talebiniz',
  'stillLooking.confirmed.title': 'Teşekkürler',
  'stillLooking.confirmed.text': 'Talebiniz açık kalıyor. İki hafta sonra yeniden soracağız.',
  'stillLooking.closed.title': 'Talebiniz geri çekildi',
  'stillLooking.closed.text': 'Haber verdiğiniz için teşekkürler. Size her şeyin en iyisini dileriz.',
  'stillLooking.mail.subject': 'Haven: hâlâ kalacak yer arıyor musunuz?',
  'stillLooking.mail.question': 'Haven’dan kalacak bir yer istediniz. Hâlâ arıyor musunuz?',
  'stillLooking.mail.deadline':
    'Bir hafta içinde sizden haber alamazsak talebinizin süresi dolar ve size artık yer önermeyiz. İstediğiniz zaman yeni bir talep gönderebilirsiniz.',
};
