/**
 * The destination cities and their districts, reviewed by hand: where people in flight arrive,
 * the names they type (Russian, Ukrainian, Turkish, local), and each district's centre (its town
 * hall or main square, not the middle of its area). GeoNames' cities500 lacks most of these
 * districts (Beşiktaş, Kadıköy, Fatih, Vake, Arabkir …) or has only a same-named village; where
 * it has the place, generate.ts merges the two and keeps these coordinates. Read only by
 * generate.ts and the tests: the running service reads the generated per-country files.
 *
 * One place a line: country | name (local, as stored) | belongs to (city or province, local
 * name) | lat | lon | people (rough, for ranking homonyms) | English | Turkish | Russian |
 * Ukrainian | other spellings people type (comma-separated). An empty English name is the local
 * name; an empty Turkish name is the local one in Turkey and the English one elsewhere.
 */
export const CURATED = `
TR | İstanbul |  | 41.0082 | 28.9784 | 15500000 | Istanbul |  | Стамбул | Стамбул | Istambul, Stambul, Истанбул, Константинополь, Constantinople
TR | Adalar | İstanbul | 40.8740 | 29.1290 | 16000 |  |  | Адалар | Адалар | Принцевы острова, Princes' Islands, Büyükada
TR | Arnavutköy | İstanbul | 41.1835 | 28.7402 | 330000 |  |  | Арнавуткёй | Арнавуткьой |
TR | Ataşehir | İstanbul | 40.9833 | 29.1167 | 420000 |  |  | Аташехир | Аташехір |
TR | Avcılar | İstanbul | 40.9800 | 28.7210 | 450000 |  |  | Авджылар | Авджилар | Авджилар
TR | Bağcılar | İstanbul | 41.0390 | 28.8567 | 740000 |  |  | Багджылар | Баджилар | Баджылар
TR | Bahçelievler | İstanbul | 41.0023 | 28.8598 | 590000 |  |  | Бахчелиэвлер | Бахчелієвлер | Бахчелиевлер
TR | Bakırköy | İstanbul | 40.9805 | 28.8725 | 220000 |  |  | Бакыркёй | Бакиркьой | Бакиркей
TR | Başakşehir | İstanbul | 41.0931 | 28.8020 | 500000 |  |  | Башакшехир | Башакшехір |
TR | Bayrampaşa | İstanbul | 41.0450 | 28.9050 | 270000 |  |  | Байрампаша | Байрампаша |
TR | Beşiktaş | İstanbul | 41.0428 | 29.0075 | 175000 |  |  | Бешикташ | Бешикташ |
TR | Beykoz | İstanbul | 41.1340 | 29.0950 | 250000 |  |  | Бейкоз | Бейкоз |
TR | Beylikdüzü | İstanbul | 40.9900 | 28.6400 | 400000 |  |  | Бейликдюзю | Бейлікдюзю |
TR | Beyoğlu | İstanbul | 41.0340 | 28.9770 | 225000 |  |  | Бейоглу | Бейоглу | Таксим, Taksim, Галата, Galata
TR | Büyükçekmece | İstanbul | 41.0207 | 28.5850 | 270000 |  |  | Бююкчекмедже | Бююкчекмедже |
TR | Çatalca | İstanbul | 41.1432 | 28.4615 | 75000 |  |  | Чаталджа | Чаталджа |
TR | Çekmeköy | İstanbul | 41.0412 | 29.1784 | 290000 |  |  | Чекмекёй | Чекмекьой |
TR | Esenler | İstanbul | 41.0435 | 28.8762 | 440000 |  |  | Эсенлер | Есенлер |
TR | Esenyurt | İstanbul | 41.0270 | 28.6773 | 980000 |  |  | Эсеньюрт | Есеньюрт |
TR | Eyüpsultan | İstanbul | 41.0480 | 28.9340 | 420000 |  |  | Эюпсултан | Еюпсултан | Eyüp, Эюп, Еюп
TR | Fatih | İstanbul | 41.0165 | 28.9500 | 370000 |  |  | Фатих | Фатіх | Султанахмет, Sultanahmet, Аксарай, Aksaray, Eminönü, Эминёню
TR | Gaziosmanpaşa | İstanbul | 41.0630 | 28.9120 | 490000 |  |  | Газиосманпаша | Газіосманпаша | GOP
TR | Güngören | İstanbul | 41.0200 | 28.8760 | 280000 |  |  | Гюнгёрен | Гюнгьорен | Мертер, Merter
TR | Kadıköy | İstanbul | 40.9906 | 29.0286 | 480000 |  |  | Кадыкёй | Кадикьой | Кадикей, Кадикёй, Мода, Moda
TR | Kağıthane | İstanbul | 41.0810 | 28.9750 | 450000 |  |  | Кягытхане | Кягитхане | Кагытхане
TR | Kartal | İstanbul | 40.8885 | 29.1856 | 480000 |  |  | Картал | Картал |
TR | Küçükçekmece | İstanbul | 40.9990 | 28.7780 | 790000 |  |  | Кючюкчекмедже | Кючюкчекмедже |
TR | Maltepe | İstanbul | 40.9357 | 29.1551 | 520000 |  |  | Малтепе | Малтепе |
TR | Pendik | İstanbul | 40.8770 | 29.2340 | 740000 |  |  | Пендик | Пендік |
TR | Sancaktepe | İstanbul | 41.0024 | 29.2319 | 480000 |  |  | Санджактепе | Санджактепе |
TR | Sarıyer | İstanbul | 41.1670 | 29.0560 | 340000 |  |  | Сарыер | Сарієр |
TR | Silivri | İstanbul | 41.0739 | 28.2464 | 220000 |  |  | Силиври | Сіліврі |
TR | Sultanbeyli | İstanbul | 40.9607 | 29.2707 | 360000 |  |  | Султанбейли | Султанбейлі |
TR | Sultangazi | İstanbul | 41.1065 | 28.8685 | 540000 |  |  | Султангази | Султангазі |
TR | Şile | İstanbul | 41.1754 | 29.6133 | 45000 |  |  | Шиле | Шіле |
TR | Şişli | İstanbul | 41.0605 | 28.9872 | 270000 |  |  | Шишли | Шишлі | Нишанташи, Nişantaşı, Мечидиекёй, Mecidiyeköy
TR | Tuzla | İstanbul | 40.8160 | 29.3020 | 280000 |  |  | Тузла | Тузла |
TR | Ümraniye | İstanbul | 41.0164 | 29.1248 | 720000 |  |  | Умрание | Умраніє | Юмрание, Umraniye
TR | Üsküdar | İstanbul | 41.0260 | 29.0150 | 520000 |  |  | Ускюдар | Ускюдар | Scutari
TR | Zeytinburnu | İstanbul | 40.9944 | 28.9042 | 290000 |  |  | Зейтинбурну | Зейтінбурну |
TR | Ankara |  | 39.9334 | 32.8597 | 5700000 |  |  | Анкара | Анкара |
TR | Çankaya | Ankara | 39.9179 | 32.8627 | 940000 |  |  | Чанкая | Чанкая | Кызылай, Kızılay
TR | Keçiören | Ankara | 39.9800 | 32.8650 | 940000 |  |  | Кечиорен | Кечіорен | Кечиерен
TR | Yenimahalle | Ankara | 39.9680 | 32.8060 | 690000 |  |  | Енимахалле | Єнімахалле | Йенимахалле
TR | Mamak | Ankara | 39.9404 | 32.9101 | 690000 |  |  | Мамак | Мамак |
TR | Etimesgut | Ankara | 39.9470 | 32.6690 | 620000 |  |  | Этимесгут | Етімесгут | Eryaman, Эрьяман
TR | Sincan | Ankara | 39.9680 | 32.5833 | 570000 |  |  | Синджан | Сінджан |
TR | Altındağ | Ankara | 39.9420 | 32.8650 | 400000 |  |  | Алтындаг | Алтиндаг | Улус, Ulus
TR | Pursaklar | Ankara | 40.0320 | 32.8953 | 160000 |  |  | Пурсаклар | Пурсаклар |
TR | Gölbaşı | Ankara | 39.7904 | 32.8090 | 150000 |  |  | Гёльбашы | Гьольбаши |
TR | Kahramankazan | Ankara | 40.2050 | 32.6830 | 60000 |  |  | Кахраманказан | Кахраманказан | Kazan
TR | İzmir |  | 38.4192 | 27.1287 | 4400000 | Izmir |  | Измир | Ізмір | Smyrna, Смирна
TR | Konak | İzmir | 38.4189 | 27.1285 | 330000 |  |  | Конак | Конак | Алсанджак, Alsancak
TR | Karşıyaka | İzmir | 38.4577 | 27.1142 | 350000 |  |  | Каршыяка | Каршияка | Каршияка
TR | Bornova | İzmir | 38.4700 | 27.2200 | 450000 |  |  | Борнова | Борнова |
TR | Buca | İzmir | 38.3883 | 27.1750 | 520000 |  |  | Буджа | Буджа | Буча
TR | Bayraklı | İzmir | 38.4622 | 27.1664 | 300000 |  |  | Байраклы | Байракли |
TR | Çiğli | İzmir | 38.4956 | 27.0700 | 210000 |  |  | Чигли | Чіглі |
TR | Karabağlar | İzmir | 38.3740 | 27.1352 | 480000 |  |  | Карабаглар | Карабаглар |
TR | Gaziemir | İzmir | 38.3239 | 27.1292 | 140000 |  |  | Газиемир | Газіємір |
TR | Balçova | İzmir | 38.3890 | 27.0520 | 80000 |  |  | Балчова | Балчова |
TR | Narlıdere | İzmir | 38.3930 | 27.0000 | 63000 |  |  | Нарлыдере | Нарлидере |
TR | Güzelbahçe | İzmir | 38.3700 | 26.8900 | 38000 |  |  | Гюзельбахче | Гюзельбахче |
TR | Urla | İzmir | 38.3226 | 26.7650 | 70000 |  |  | Урла | Урла |
TR | Çeşme | İzmir | 38.3236 | 26.3033 | 48000 |  |  | Чешме | Чешме |
TR | Antalya |  | 36.8969 | 30.7133 | 2700000 |  |  | Анталья | Анталія | Анталия
TR | Muratpaşa | Antalya | 36.8870 | 30.7060 | 510000 |  |  | Муратпаша | Муратпаша | Калеичи, Kaleiçi
TR | Konyaaltı | Antalya | 36.8664 | 30.6303 | 200000 |  |  | Коньяалты | Коньяалти | Коньяалты
TR | Kepez | Antalya | 36.9400 | 30.7100 | 600000 |  |  | Кепез | Кепез |
TR | Aksu | Antalya | 36.9539 | 30.8478 | 80000 |  |  | Аксу | Аксу |
TR | Döşemealtı | Antalya | 37.0233 | 30.6025 | 80000 |  |  | Дошемеалты | Дошемеалти |
TR | Lara | Antalya | 36.8600 | 30.7900 | 100000 |  |  | Лара | Лара |
TR | Alanya | Antalya | 36.5438 | 31.9998 | 350000 |  |  | Аланья | Аланія | Алания
TR | Mahmutlar | Alanya | 36.4946 | 32.0909 | 24000 |  |  | Махмутлар | Махмутлар |
TR | Oba | Alanya | 36.5560 | 32.0380 | 25000 |  |  | Оба | Оба |
TR | Tosmur | Alanya | 36.5450 | 32.0520 | 15000 |  |  | Тосмур | Тосмур |
TR | Cikcilli | Alanya | 36.5650 | 32.0100 | 30000 |  |  | Джикджилли | Джикджилли | Çıkcılı
TR | Avsallar | Alanya | 36.6245 | 31.7694 | 13000 |  |  | Авсаллар | Авсаллар |
TR | Konaklı | Alanya | 36.5830 | 31.8850 | 14000 |  |  | Конаклы | Конакли |
TR | Kemer | Antalya | 36.5978 | 30.5606 | 45000 |  |  | Кемер | Кемер |
TR | Beldibi | Kemer | 36.7150 | 30.5600 | 5000 |  |  | Бельдиби | Бельдібі |
TR | Göynük | Kemer | 36.6600 | 30.5500 | 6000 |  |  | Гёйнюк | Гейнюк |
TR | Kiriş | Kemer | 36.5620 | 30.5600 | 3000 |  |  | Кириш | Кіріш |
TR | Çamyuva | Kemer | 36.5550 | 30.5670 | 4000 |  |  | Чамьюва | Чамюва |
TR | Tekirova | Kemer | 36.5017 | 30.5272 | 20000 |  |  | Текирова | Текірова |
TR | Manavgat | Antalya | 36.7867 | 31.4431 | 240000 |  |  | Манавгат | Манавгат |
TR | Side | Manavgat | 36.7667 | 31.3889 | 14000 |  |  | Сиде | Сіде |
TR | Belek | Antalya | 36.8628 | 31.0556 | 70000 |  |  | Белек | Белек |
TR | Kaş | Antalya | 36.2018 | 29.6377 | 60000 |  |  | Каш | Каш |
TR | Fethiye | Muğla | 36.6215 | 29.1164 | 170000 |  |  | Фетхие | Фетхіє |
TR | Bodrum | Muğla | 37.0344 | 27.4305 | 190000 |  |  | Бодрум | Бодрум |
TR | Marmaris | Muğla | 36.8550 | 28.2742 | 97000 |  |  | Мармарис | Мармарис |
TR | Kuşadası | Aydın | 37.8579 | 27.2610 | 130000 |  |  | Кушадасы | Кушадаси |
TR | Didim | Aydın | 37.3753 | 27.2678 | 90000 |  |  | Дидим | Дідім |
TR | Yalova |  | 40.6550 | 29.2769 | 170000 |  |  | Ялова | Ялова |
TR | Bursa |  | 40.1826 | 29.0665 | 3100000 |  |  | Бурса | Бурса |
TR | Mersin |  | 36.8121 | 34.6415 | 1900000 |  |  | Мерсин | Мерсін |
TR | Trabzon |  | 41.0027 | 39.7168 | 820000 |  |  | Трабзон | Трабзон |
TR | Eskişehir |  | 39.7767 | 30.5206 | 900000 |  |  | Эскишехир | Ескішехір |
TR | Gaziantep |  | 37.0662 | 37.3833 | 2100000 |  |  | Газиантеп | Газіантеп |
TR | Adana |  | 37.0000 | 35.3213 | 2200000 |  |  | Адана | Адана |
TR | Konya |  | 37.8746 | 32.4932 | 2300000 |  |  | Конья | Конья |
TR | Samsun |  | 41.2867 | 36.3300 | 1300000 |  |  | Самсун | Самсун |
GE | Tbilisi |  | 41.7151 | 44.8271 | 1200000 |  | Tiflis | Тбилиси | Тбілісі | Tiflis, თბილისი
GE | Vake | Tbilisi | 41.7090 | 44.7570 | 140000 |  |  | Ваке | Ваке | ვაკე, Ваке-Сабуртало
GE | Saburtalo | Tbilisi | 41.7270 | 44.7560 | 150000 |  |  | Сабуртало | Сабуртало | საბურთალო
GE | Mtatsminda | Tbilisi | 41.6950 | 44.7920 | 45000 |  |  | Мтацминда | Мтацмінда | მთაწმინდა, Сололаки, Sololaki, Руставели, Rustaveli
GE | Krtsanisi | Tbilisi | 41.6720 | 44.8150 | 40000 |  |  | Крцаниси | Крцанісі | კრწანისი
GE | Old Tbilisi | Tbilisi | 41.6910 | 44.8080 | 50000 |  |  | Старый Тбилиси | Старий Тбілісі | Dzveli Tbilisi, Абанотубани, Abanotubani
GE | Isani | Tbilisi | 41.6880 | 44.8440 | 130000 |  |  | Исани | Ісані | ისანი, Авлабари, Avlabari
GE | Samgori | Tbilisi | 41.6850 | 44.8800 | 170000 |  |  | Самгори | Самгорі | სამგორი, Варкетили, Varketili
GE | Chugureti | Tbilisi | 41.7110 | 44.7960 | 70000 |  |  | Чугурети | Чугуреті | ჩუღურეთი, Марджанишвили, Marjanishvili
GE | Didube | Tbilisi | 41.7370 | 44.7800 | 70000 |  |  | Дидубе | Дідубе | დიდუბე
GE | Nadzaladevi | Tbilisi | 41.7560 | 44.7860 | 150000 |  |  | Надзаладеви | Надзаладеві | ნაძალადევი
GE | Gldani | Tbilisi | 41.7950 | 44.8150 | 180000 |  |  | Глдани | Глдані | გლდანი
GE | Batumi |  | 41.6168 | 41.6367 | 170000 |  | Batum | Батуми | Батумі | Batum, ბათუმი
GE | Old Batumi | Batumi | 41.6480 | 41.6370 | 20000 |  |  | Старый Батуми | Старий Батумі |
GE | Gonio | Batumi | 41.5630 | 41.5730 | 3000 |  |  | Гонио | Гоніо |
GE | Makhinjauri | Batumi | 41.6739 | 41.6940 | 3000 |  |  | Махинджаури | Махінджаурі |
GE | Kutaisi |  | 42.2679 | 42.6946 | 130000 |  |  | Кутаиси | Кутаїсі | ქუთაისი
GE | Kobuleti |  | 41.8214 | 41.7792 | 18600 |  |  | Кобулети | Кобулеті |
GE | Borjomi |  | 41.8400 | 43.3900 | 10500 |  |  | Боржоми | Боржомі |
AM | Yerevan |  | 40.1811 | 44.5136 | 1100000 |  | Erivan | Ереван | Єреван | Erevan, Երևան
AM | Ajapnyak | Yerevan | 40.2040 | 44.4700 | 110000 |  |  | Аджапняк | Аджапняк | Աջափնյակ
AM | Arabkir | Yerevan | 40.2055 | 44.5070 | 120000 |  |  | Арабкир | Арабкір | Արաբկիր
AM | Avan | Yerevan | 40.2190 | 44.5750 | 53000 |  |  | Аван | Аван | Ավան
AM | Davtashen | Yerevan | 40.2255 | 44.4930 | 43000 |  |  | Давташен | Давташен | Դավթաշեն
AM | Erebuni | Yerevan | 40.1380 | 44.5330 | 125000 |  |  | Эребуни | Еребуні | Էրեբունի
AM | Kanaker-Zeytun | Yerevan | 40.2060 | 44.5400 | 74000 |  |  | Канакер-Зейтун | Канакер-Зейтун | Քանաքեռ-Զեյթուն, Зейтун, Канакер
AM | Kentron | Yerevan | 40.1800 | 44.5130 | 125000 |  |  | Кентрон | Кентрон | Կենտրոն, Центр
AM | Malatia-Sebastia | Yerevan | 40.1720 | 44.4550 | 135000 |  |  | Малатия-Себастия | Малатія-Себастія | Մալաթիա-Սեբաստիա, Малатия, Масив, Массив, Masiv, Massiv, Մասիվ
AM | Nork-Marash | Yerevan | 40.1880 | 44.5450 | 12000 |  |  | Норк-Мараш | Норк-Мараш | Նորք-Մարաշ
AM | Nor Nork | Yerevan | 40.2000 | 44.5650 | 130000 |  |  | Нор-Норк | Нор-Норк | Նոր Նորք
AM | Nubarashen | Yerevan | 40.1100 | 44.5500 | 10000 |  |  | Нубарашен | Нубарашен | Նուբարաշեն
AM | Shengavit | Yerevan | 40.1580 | 44.4930 | 140000 |  |  | Шенгавит | Шенгавіт | Շենգավիթ
AM | Gyumri |  | 40.7894 | 43.8475 | 115000 |  |  | Гюмри | Гюмрі |
AM | Dilijan |  | 40.7410 | 44.8630 | 14000 |  |  | Дилижан | Діліжан | Dilizhan
AM | Vagharshapat |  | 40.1653 | 44.2917 | 46000 |  |  | Вагаршапат | Вагаршапат | Etchmiadzin, Echmiadzin, Эчмиадзин, Ечміадзин
KZ | Almaty |  | 43.2389 | 76.8897 | 2200000 |  | Almatı | Алматы | Алмати | Alma-Ata, Алма-Ата
KZ | Alatau | Almaty | 43.2800 | 76.8000 | 300000 |  |  | Алатауский район | Алатауський район | Алатау, Алатауский
KZ | Almaly | Almaty | 43.2520 | 76.9180 | 220000 |  |  | Алмалинский район | Алмалинський район | Алмалы, Алмалинский
KZ | Auezov | Almaty | 43.2250 | 76.8500 | 300000 |  |  | Ауэзовский район | Ауезовський район | Ауэзов, Ауэзовский, Auezov district
KZ | Bostandyk | Almaty | 43.2050 | 76.9150 | 370000 |  |  | Бостандыкский район | Бостандицький район | Бостандык, Бостандыкский, Bostandyq
KZ | Zhetysu | Almaty | 43.2850 | 76.9300 | 170000 |  |  | Жетысуский район | Жетисуський район | Жетысу, Жетысуский, Jetisu
KZ | Medeu | Almaty | 43.2500 | 76.9800 | 230000 |  |  | Медеуский район | Медеуський район | Медеу, Медеуский, Medeo
KZ | Nauryzbay | Almaty | 43.1900 | 76.7900 | 200000 |  |  | Наурызбайский район | Наурызбайський район | Наурызбай, Наурызбайский
KZ | Turksib | Almaty | 43.3200 | 76.9500 | 250000 |  |  | Турксибский район | Турксибський район | Турксиб, Турксибский
KZ | Astana |  | 51.1694 | 71.4491 | 1400000 |  |  | Астана | Астана | Nur-Sultan, Нур-Султан, Akmola, Акмола, Целиноград
KZ | Almaty District | Astana | 51.1550 | 71.5000 | 400000 |  |  | Алматинский район | Алматинський район | Алматинский
KZ | Baikonyr | Astana | 51.1900 | 71.4600 | 230000 |  |  | Байконурский район | Байконурський район | Байконурский, Baikonur District
KZ | Yesil | Astana | 51.1200 | 71.4300 | 250000 |  |  | Есильский район | Єсільський район | Есиль, Есильский, Esil District, Левый берег
KZ | Saryarka | Astana | 51.1850 | 71.4000 | 350000 |  |  | Сарыаркинский район | Сариаркинський район | Сарыарка, Сарыаркинский
KZ | Nura | Astana | 51.0900 | 71.4000 | 130000 |  |  | Нуринский район | Нуринський район | Нура, Нуринский
KZ | Aktau |  | 43.6481 | 51.1722 | 147443 |  |  | Актау | Актау | Aqtau, Ақтау, Shevchenko, Шевченко
RS | Belgrade |  | 44.8178 | 20.4569 | 1700000 |  | Belgrad | Белград | Белград | Beograd, Београд
RS | Stari Grad | Belgrade | 44.8179 | 20.4619 | 45000 |  |  | Стари-Град | Старі-Град | Стари Град, Dorćol, Дорчол
RS | Vračar | Belgrade | 44.7926 | 20.4749 | 56000 |  |  | Врачар | Врачар |
RS | Savski Venac | Belgrade | 44.7792 | 20.4539 | 36000 |  |  | Савски-Венац | Савський Венац | Савски венац
RS | Palilula | Belgrade | 44.8150 | 20.4900 | 180000 |  |  | Палилула | Палілула |
RS | Zvezdara | Belgrade | 44.7900 | 20.5100 | 170000 |  |  | Звездара | Звездара |
RS | Voždovac | Belgrade | 44.7783 | 20.4758 | 170000 |  |  | Вождовац | Вождовац |
RS | Čukarica | Belgrade | 44.7825 | 20.4203 | 180000 |  |  | Чукарица | Чукариця |
RS | Rakovica | Belgrade | 44.7419 | 20.4414 | 110000 |  |  | Раковица | Раковиця |
RS | Novi Beograd | Belgrade | 44.8056 | 20.4242 | 210000 |  |  | Новый Белград | Новий Белград | Нови Београд, Новый Београд, New Belgrade, Novi Belgrad
RS | Zemun | Belgrade | 44.8458 | 20.4012 | 170000 |  |  | Земун | Земун |
RS | Surčin | Belgrade | 44.7931 | 20.2803 | 45000 |  |  | Сурчин | Сурчин |
RS | Novi Sad |  | 45.2671 | 19.8335 | 370000 |  |  | Нови-Сад | Нові-Сад | Нови Сад, Новий Сад, Neusatz
RS | Petrovaradin | Novi Sad | 45.2467 | 19.8794 | 32000 |  |  | Петроварадин | Петроварадин |
RS | Sremska Kamenica | Novi Sad | 45.2220 | 19.8420 | 12000 |  |  | Сремска-Каменица | Сремська Кам'яниця | Сремска Каменица
RS | Futog | Novi Sad | 45.2390 | 19.7160 | 20000 |  |  | Футог | Футог |
RS | Veternik | Novi Sad | 45.2545 | 19.7588 | 17000 |  |  | Ветерник | Ветерник |
RS | Liman | Novi Sad | 45.2430 | 19.8400 | 30000 |  |  | Лиман | Лиман |
RS | Detelinara | Novi Sad | 45.2600 | 19.8100 | 30000 |  |  | Детелинара | Детелінара |
ME | Budva |  | 42.2864 | 18.8400 | 27000 |  |  | Будва | Будва |
ME | Bečići | Budva | 42.2839 | 18.8692 | 1000 |  |  | Бечичи | Бечичі | Бечићи
ME | Rafailovići | Budva | 42.2770 | 18.8830 | 1000 |  |  | Рафаиловичи | Рафаїловичі | Рафаиловићи
ME | Sveti Stefan | Budva | 42.2560 | 18.8920 | 500 |  |  | Свети-Стефан | Светий Стефан | Свети Стефан
ME | Petrovac | Budva | 42.2056 | 18.9425 | 1500 |  |  | Петровац | Петровац | Petrovac na Moru, Петровац на Мору
`;

/**
 * The best-known neighbourhoods of the destination cities, as the table above: a host types her
 * neighbourhood (Bostancı, Levent, Ortaköy in İstanbul; Hisarönü by Fethiye; Vera in Tbilisi;
 * Kond in Yerevan; Karaburma in Belgrade; Tastak in Almaty), and GeoNames has none of them, or only villages and
 * towns of those names elsewhere. Each belongs to its city, so it counts under the city, and is
 * ranked above the villages and towns of its name: the metropolitan place is the one a shared
 * name stands for; a province after a comma ("Ortaköy, Aksaray") still finds the other.
 * The rank is 40,000 where a town of the name is that large (Ortaköy, Aksaray), else 20,000: still
 * above the villages of its name, and below the districts and towns a name's first letters also
 * begin ("Güzel" is Güzelbahçe, not Güzeloba). Of two cities' neighbourhoods of one name, the
 * larger city's ranks higher ("Göztepe" is İstanbul's; "Göztepe, İzmir" the other).
 */
export const NEIGHBOURHOODS = `
TR | Bostancı | İstanbul | 40.9535 | 29.0955 | 40000 |  |  | Бостанджи | Бостанджи | Бостанджы, Бостанджі
TR | Caddebostan | İstanbul | 40.9640 | 29.0650 | 40000 |  |  | Джаддебостан | Джаддебостан | Bağdat Caddesi, Багдад Джаддеси
TR | Suadiye | İstanbul | 40.9600 | 29.0830 | 40000 |  |  | Суадие | Суадіє |
TR | Erenköy | İstanbul | 40.9720 | 29.0770 | 40000 |  |  | Эренкёй | Еренкьой | Эренкей
TR | Fenerbahçe | İstanbul | 40.9700 | 29.0370 | 40000 |  |  | Фенербахче | Фенербахче |
TR | Acıbadem | İstanbul | 41.0020 | 29.0450 | 40000 |  |  | Аджибадем | Аджибадем |
TR | Kozyatağı | İstanbul | 40.9760 | 29.1000 | 40000 |  |  | Козьятагы | Козятаги |
TR | Levent | İstanbul | 41.0810 | 29.0100 | 40000 |  |  | Левент | Левент |
TR | Etiler | İstanbul | 41.0830 | 29.0330 | 40000 |  |  | Этилер | Етілер |
TR | Ortaköy | İstanbul | 41.0480 | 29.0260 | 40000 |  |  | Ортакёй | Ортакьой | Ортакей
TR | Bebek | İstanbul | 41.0770 | 29.0430 | 40000 |  |  | Бебек | Бебек |
TR | Gayrettepe | İstanbul | 41.0680 | 29.0110 | 40000 |  |  | Гайреттепе | Гайреттепе |
TR | Cihangir | İstanbul | 41.0320 | 28.9830 | 40000 |  |  | Джихангир | Джіхангір |
TR | Karaköy | İstanbul | 41.0240 | 28.9760 | 40000 |  |  | Каракёй | Каракьой | Каракей
TR | Kasımpaşa | İstanbul | 41.0400 | 28.9670 | 40000 |  |  | Касымпаша | Касимпаша |
TR | Bomonti | İstanbul | 41.0590 | 28.9810 | 40000 |  |  | Бомонти | Бомонті |
TR | Osmanbey | İstanbul | 41.0530 | 28.9870 | 40000 |  |  | Османбей | Османбей |
TR | Fulya | İstanbul | 41.0610 | 29.0020 | 40000 |  |  | Фулья | Фулья |
TR | Kuzguncuk | İstanbul | 41.0370 | 29.0310 | 40000 |  |  | Кузгунджук | Кузгунджук |
TR | Çengelköy | İstanbul | 41.0510 | 29.0530 | 40000 |  |  | Ченгелькёй | Ченгелькьой |
TR | Beylerbeyi | İstanbul | 41.0440 | 29.0440 | 40000 |  |  | Бейлербейи | Бейлербеї |
TR | Altunizade | İstanbul | 41.0220 | 29.0450 | 40000 |  |  | Алтунизаде | Алтунізаде |
TR | Tarabya | İstanbul | 41.1370 | 29.0580 | 40000 |  |  | Тарабья | Тарабья |
TR | Emirgan | İstanbul | 41.1050 | 29.0550 | 40000 |  |  | Эмирган | Емірган |
TR | İstinye | İstanbul | 41.1140 | 29.0590 | 40000 |  |  | Истинье | Істіньє |
TR | Yeniköy | İstanbul | 41.1240 | 29.0660 | 40000 |  |  | Еникёй | Єнікьой | Еникей
TR | Maslak | İstanbul | 41.1100 | 29.0210 | 40000 |  |  | Маслак | Маслак |
TR | Florya | İstanbul | 40.9760 | 28.7890 | 40000 |  |  | Флорья | Флорья |
TR | Ataköy | İstanbul | 40.9780 | 28.8560 | 40000 |  |  | Атакёй | Атакьой | Атакей
TR | Yeşilköy | İstanbul | 40.9620 | 28.8220 | 40000 |  |  | Ешилькёй | Єшількьой | Ешилькей
TR | Balat | İstanbul | 41.0290 | 28.9480 | 40000 |  |  | Балат | Балат |
TR | Kumkapı | İstanbul | 41.0030 | 28.9660 | 40000 |  |  | Кумкапы | Кумкапи |
TR | Laleli | İstanbul | 41.0100 | 28.9570 | 40000 |  |  | Лалели | Лалелі |
TR | Kurtuluş | İstanbul | 41.0560 | 28.9825 | 20000 |  |  | Куртулуш | Куртулуш |
TR | Feriköy | İstanbul | 41.0580 | 28.9790 | 20000 |  |  | Ферикёй | Ферікьой | Ферикей
TR | Tarlabaşı | İstanbul | 41.0365 | 28.9780 | 20000 |  |  | Тарлабаши | Тарлабаши | Тарлабашы, Тарлабаші
TR | Teşvikiye | İstanbul | 41.0500 | 28.9935 | 20000 |  |  | Тешвикие | Тешвікіє |
TR | Cevizli | İstanbul | 40.9100 | 29.1600 | 20000 |  |  | Джевизли | Джевізлі |
TR | Hisarönü | Fethiye | 36.5790 | 29.1510 | 40000 |  |  | Хисарёню | Хісарьоню | Hisaronu, Хисароню, Хісароню
TR | Çalış | Fethiye | 36.6640 | 29.1000 | 40000 |  |  | Чалыш | Чалиш | Calis Beach
TR | Göztepe | İstanbul | 40.9780 | 29.0600 | 25000 |  |  | Гёзтепе | Гьозтепе | Гезтепе
TR | Göztepe | İzmir | 38.3980 | 27.0850 | 20000 |  |  | Гёзтепе | Гьозтепе | Гезтепе
TR | Güzelyalı | İzmir | 38.3950 | 27.0700 | 20000 |  |  | Гюзельялы | Гюзельяли |
TR | Bostanlı | İzmir | 38.4600 | 27.0960 | 20000 |  |  | Бостанлы | Бостанли |
TR | Mavişehir | İzmir | 38.4720 | 27.0750 | 20000 |  |  | Мавишехир | Мавішехір |
TR | Sarısu | Antalya | 36.8380 | 30.5850 | 20000 |  |  | Сарысу | Сарису |
TR | Hurma | Antalya | 36.8600 | 30.6200 | 20000 |  |  | Хурма | Хурма |
TR | Güzeloba | Antalya | 36.8700 | 30.7850 | 20000 |  |  | Гюзелоба | Гюзелоба |
TR | Kundu | Antalya | 36.8550 | 30.8700 | 20000 |  |  | Кунду | Кунду |
TR | Gümbet | Bodrum | 37.0300 | 27.4080 | 20000 |  |  | Гюмбет | Гюмбет |
TR | Bitez | Bodrum | 37.0350 | 27.3850 | 20000 |  |  | Битез | Бітез |
TR | Kargıcak | Alanya | 36.4710 | 32.1240 | 20000 |  |  | Каргыджак | Каргиджак |
TR | Çayyolu | Ankara | 39.8850 | 32.6850 | 20000 |  |  | Чайолу | Чайолу | Чайёлу
TR | Ümitköy | Ankara | 39.8970 | 32.7030 | 20000 |  |  | Юмиткёй | Юміткьой | Умиткей, Юмиткей
RS | Karaburma | Belgrade | 44.8160 | 20.5020 | 40000 |  |  | Карабурма | Карабурма |
RS | Banovo Brdo | Belgrade | 44.7770 | 20.4120 | 40000 |  |  | Баново-Брдо | Баново Брдо | Баново брдо
RS | Dedinje | Belgrade | 44.7760 | 20.4490 | 40000 |  |  | Дединье | Дедіньє | Дедиње
RS | Senjak | Belgrade | 44.7900 | 20.4430 | 40000 |  |  | Сеньяк | Сеньяк | Сењак
RS | Žarkovo | Belgrade | 44.7650 | 20.4080 | 40000 |  |  | Жарково | Жарково |
RS | Mirijevo | Belgrade | 44.7930 | 20.5330 | 40000 |  |  | Мириево | Мірієво | Миријево
RS | Konjarnik | Belgrade | 44.7850 | 20.5100 | 40000 |  |  | Коньярник | Коньярник | Коњарник
RS | Vidikovac | Belgrade | 44.7430 | 20.4200 | 40000 |  |  | Видиковац | Відиковац |
RS | Bežanijska Kosa | Belgrade | 44.8140 | 20.3740 | 40000 |  |  | Бежанийска-Коса | Бежанійська Коса | Бежанијска коса, Бежанийская коса
RS | Borča | Belgrade | 44.8700 | 20.4550 | 40000 |  |  | Борча | Борча |
RS | Kotež | Belgrade | 44.8620 | 20.4870 | 40000 |  |  | Котеж | Котеж |
RS | Banjica | Belgrade | 44.7590 | 20.4710 | 20000 |  |  | Баница | Баниця | Бањица, Баньица
RS | Višnjica | Belgrade | 44.8230 | 20.5480 | 20000 |  |  | Вишница | Вишниця | Вишњица, Вишньица
RS | Ledine | Belgrade | 44.7950 | 20.3480 | 20000 |  |  | Ледине | Ледіне |
RS | Batajnica | Belgrade | 44.9020 | 20.2820 | 20000 |  |  | Батайница | Батайниця | Батајница
RS | Kaluđerica | Belgrade | 44.7550 | 20.5570 | 20000 |  |  | Калуджерица | Калуджериця | Калуђерица, Kaludjerica
RS | Savamala | Belgrade | 44.8115 | 20.4525 | 20000 |  |  | Савамала | Савамала |
RS | Skadarlija | Belgrade | 44.8182 | 20.4650 | 20000 |  |  | Скадарлия | Скадарлія | Скадарлија
RS | Bežanija | Belgrade | 44.8210 | 20.3750 | 20000 |  |  | Бежания | Бежанія | Бежанија
RS | Grbavica | Novi Sad | 45.2500 | 19.8300 | 20000 |  |  | Грбавица | Грбавиця |
RS | Novo Naselje | Novi Sad | 45.2500 | 19.7950 | 20000 |  |  | Ново-Населье | Ново Насельє | Ново насеље, Ново Населье
RS | Podbara | Novi Sad | 45.2610 | 19.8550 | 20000 |  |  | Подбара | Подбара |
RS | Telep | Novi Sad | 45.2390 | 19.8050 | 20000 |  |  | Телеп | Телеп |
KZ | Samal | Almaty | 43.2290 | 76.9560 | 40000 |  |  | Самал | Самал | Самал-2, Samal-2
KZ | Orbita | Almaty | 43.1930 | 76.8780 | 40000 |  |  | Орбита | Орбіта |
KZ | Tastak | Almaty | 43.2470 | 76.8800 | 40000 |  |  | Тастак | Тастак |
KZ | Kok-Tobe | Almaty | 43.2330 | 76.9750 | 40000 |  |  | Кок-Тобе | Кок-Тобе | Koktobe, Кок-Тюбе, Коктобе
KZ | Kalkaman | Almaty | 43.2480 | 76.7600 | 40000 |  |  | Калкаман | Калкаман |
KZ | Shanyrak | Almaty | 43.3080 | 76.8400 | 40000 |  |  | Шанырак | Шанирак | Shanyraq
KZ | Mamyr | Almaty | 43.2150 | 76.8450 | 20000 |  |  | Мамыр | Мамир |
KZ | Almagul | Almaty | 43.2230 | 76.9150 | 20000 |  |  | Алмагуль | Алмагуль |
KZ | Koktem | Almaty | 43.2260 | 76.9300 | 20000 |  |  | Коктем | Коктем |
KZ | Gorny Gigant | Almaty | 43.2190 | 76.9570 | 20000 |  |  | Горный Гигант | Гірський Гігант | Gornyi Gigant, Горный гигант
KZ | Kamenskoe Plato | Almaty | 43.1850 | 76.9700 | 20000 |  |  | Каменское плато | Кам'янське плато | Kamenskoye Plateau, Kamenskoe Plateau
GE | Vera | Tbilisi | 41.7060 | 44.7840 | 40000 |  |  | Вера | Вера | ვერა
GE | Dighomi | Tbilisi | 41.7640 | 44.7560 | 40000 |  |  | Дигоми | Дігомі | Digomi, დიღომი, Dighomi Massive, დიღმის მასივი, Digomi Massiv, Дигомский массив, Дігомський масив
GE | Ortachala | Tbilisi | 41.6790 | 44.8250 | 40000 |  |  | Ортачала | Ортачала | ორთაჭალა
GE | Bagebi | Tbilisi | 41.7180 | 44.7260 | 40000 |  |  | Багеби | Багебі | ბაგები
GE | Vazisubani | Tbilisi | 41.7060 | 44.8960 | 40000 |  |  | Вазисубани | Вазісубані | ვაზისუბანი
GE | Vashlijvari | Tbilisi | 41.7240 | 44.7460 | 40000 |  |  | Вашлиджвари | Вашліджварі | ვაშლიჯვარი
GE | Lisi | Tbilisi | 41.7440 | 44.7350 | 20000 |  |  | Лиси | Лісі | ლისი, Lisi Lake, озеро Лиси, озеро Лісі
GE | Nutsubidze Plateau | Tbilisi | 41.7260 | 44.7330 | 20000 |  |  | Плато Нуцубидзе | Плато Нуцубідзе | ნუცუბიძის პლატო, Nutsubidze, Нуцубидзе, Нуцубідзе
GE | Kvariati | Batumi | 41.5480 | 41.5650 | 20000 |  |  | Квариати | Кваріаті | ქვარიათი
GE | New Boulevard | Batumi | 41.6300 | 41.6050 | 20000 |  |  | Новый бульвар | Новий бульвар | ახალი ბულვარი
GE | Green Cape | Batumi | 41.6950 | 41.7100 | 20000 |  |  | Зелёный Мыс | Зелений Мис | Mtsvane Kontskhi, მწვანე კონცხი, Зеленый мыс
AM | Kond | Yerevan | 40.1830 | 44.5020 | 20000 |  |  | Конд | Конд | Կոնդ
AM | Komitas | Yerevan | 40.2060 | 44.5190 | 20000 |  |  | Комитас | Комітас | Կոմիտաս, Komitas Avenue, Комитаса, Комітаса, проспект Комитаса
AM | Bangladesh | Yerevan | 40.1600 | 44.4450 | 20000 |  |  | Бангладеш | Бангладеш | Բանգլադեշ
AM | Cascade | Yerevan | 40.1910 | 44.5150 | 20000 |  |  | Каскад | Каскад | Կասկադ
AM | Sari Tagh | Yerevan | 40.1620 | 44.5200 | 20000 |  |  | Сари Таг | Сарі Таг | Սարի թաղ, Sari Tag, Сари-Таг, Саритаг, Сари-Тах, Сарі-Тах, Сари Тах
`;

export interface CuratedPlace {
  readonly country: string;
  readonly name: string;
  readonly parent: string;
  readonly lat: number;
  readonly lon: number;
  readonly population: number;
  readonly en: string;
  readonly tr: string;
  readonly ru: string;
  readonly uk: string;
  readonly aka: readonly string[];
  /** From NEIGHBOURHOODS: a part of its city, not one of its districts. */
  readonly neighbourhood: boolean;
}

/** Both tables above as records. */
export const curatedPlaces = (): CuratedPlace[] => [
  ...placesOf(CURATED, false),
  ...placesOf(NEIGHBOURHOODS, true),
];

function placesOf(table: string, neighbourhood: boolean): CuratedPlace[] {
  return table
    .trim()
    .split('\n')
    .map((line) => {
      const [
        country = '',
        name = '',
        parent = '',
        lat = '',
        lon = '',
        population = '',
        en,
        tr,
        ru = '',
        uk = '',
        aka = '',
      ] = line.split('|').map((field) => field.trim());
      const english = en || name;
      return {
        country,
        name,
        parent,
        lat: Number(lat),
        lon: Number(lon),
        population: Number(population),
        en: english,
        // Turkish keeps a Turkish place's own spelling (İstanbul), and English for the others.
        tr: tr || (country === 'TR' ? name : english),
        ru,
        uk,
        aka: aka
          .split(',')
          .map((spelling) => spelling.trim())
          .filter(Boolean),
        neighbourhood,
      };
    });
}
