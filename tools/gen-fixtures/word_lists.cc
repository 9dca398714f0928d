#include "word_lists.h"

namespace lsm::gen {

namespace {

const Words kTurkishFirstNames = {
    "Ahmet",  "Mehmet",  "Mustafa", "Ayşe",    "Fatma", "Emine",  "Zeynep",  "Elif",    "Çağla",
    "Şükrü",  "Gülşen",  "İlkay",   "Öykü",    "Ümit",  "Oğuz",   "Barış",   "Gökhan",  "Çağrı",
    "İrem",   "Sevgi",   "Özge",    "Şule",    "Büşra", "Tuğçe",  "Ilgın",   "Doğukan", "Uğur",
    "Güneş",  "Işıl",    "Nazlı",   "Ece",     "Deniz", "Kaan",   "Burak",   "Murat",   "Selin",
    "Derin",  "Berke",   "Ozan",    "Melis",   "Ebru",  "Hakan",  "Caner",   "Mert",    "Emre",
    "Yağmur", "Damla",   "Cem",     "Can",     "Eylül", "Defne",  "Aslı",    "Pınar",   "Sıla",
    "Kübra",  "Hüseyin", "İbrahim", "Yusuf",   "Ömer",  "Erdem",  "Gül",     "Şeyma",   "Bülent",
    "Çiğdem", "Nihal",   "Tülay",   "Oğuzhan", "Sinan", "Volkan", "Onur",    "Serkan",  "Levent",
    "Dilara", "Ezgi",    "Gizem",   "Begüm",   "Tolga", "Koray",  "Batuhan", "Alper",   "Öznur",
};

const Words kTurkishSurnames = {
    "Yılmaz",  "Kaya",    "Demir",    "Şahin",   "Çelik", "Yıldız",   "Yıldırım", "Öztürk",
    "Aydın",   "Özdemir", "Arslan",   "Doğan",   "Kılıç", "Aslan",    "Çetin",    "Kara",
    "Koç",     "Kurt",    "Özkan",    "Şimşek",  "Polat", "Özer",     "Erdoğan",  "Güler",
    "Aksoy",   "Bulut",   "Ünal",     "Taş",     "Tekin", "Keskin",   "Güneş",    "Sarı",
    "Çakır",   "Aktaş",   "Karaca",   "Şen",     "Akgül", "Güzel",    "Çınar",    "Saraç",
    "Yurt",    "Işık",    "Bozkurt",  "Türkmen", "Uçar",  "Gündoğdu", "Ekinci",   "Kocabaş",
    "Başaran", "Ergün",   "Altıntaş", "Korkmaz", "Özgür", "Acar",     "Kalkan",   "Duman",
};

const Words kEnglishFirstNames = {
    "James",  "Oliver",    "Emily",  "Sophia",   "Michael",  "Daniel",  "Olivia", "Liam",
    "Noah",   "Chloe",     "Sarah",  "Tom",      "Laura",    "Kevin",   "Emma",   "Jack",
    "Harry",  "Charlotte", "Amelia", "Isabella", "George",   "William", "Lucy",   "Grace",
    "Ethan",  "Mason",     "Ava",    "Mia",      "Benjamin", "Henry",   "Ella",   "Zoe",
    "Ryan",   "Nathan",    "Hannah", "Jessica",  "Matthew",  "Samuel",  "Lily",   "Ruby",
    "Joshua", "Megan",     "Aidan",  "Freya",    "Oscar",    "Isla",    "Leo",    "Poppy",
};

const Words kEnglishSurnames = {
    "Smith",    "Johnson",  "Williams", "Brown",    "Jones",    "Miller",  "Davis",    "Wilson",
    "Taylor",   "Anderson", "Thomas",   "Moore",    "Jackson",  "White",   "Harris",   "Martin",
    "Thompson", "Clarke",   "Walker",   "Wright",   "Hughes",   "Evans",   "Roberts",  "Turner",
    "Carter",   "Bennett",  "Brooks",   "Reed",     "Whitaker", "Jenkins", "O'Connor", "O'Brien",
    "Murphy",   "Kelly",    "Cooper",   "Ward",     "Morgan",   "Baker",   "Hall",     "Wood",
    "Price",    "Bell",     "Campbell", "Mitchell", "Parker",   "Collins", "Stewart",  "Ross",
};

const Words kTurkishExpertise = {
    "yazılımcı",
    "ressam",
    "pastacı",
    "aşçı",
    "öğretmen",
    "oyun yayıncısı",
    "mimar",
    "diyetisyen",
    "dansçı",
    "fotoğrafçı",
    "müzisyen",
    "öğrenci",
    "gazeteci",
    "yoga eğitmeni",
    "fitness eğitmeni",
    "grafik tasarımcı",
    "seyahat blogcusu",
};

const Words kEnglishExpertise = {
    "designer",     "musician",          "chef",           "fitness coach",
    "photographer", "software engineer", "illustrator",    "student",
    "writer",       "guitarist",         "makeup artist",  "data scientist",
    "teacher",      "game streamer",     "travel vlogger", "dancer",
};

const Words kTurkishMotivations = {
    "Sohbetten gelen istekleri canlı yanıtlayacağım.",
    "Yeni ekipman için küçük bir kampanyamız var, destek olursanız sevinirim.",
    "Her hafta bu saatte buradayım; birlikte öğrenelim!",
    "İlk kez canlı yayın yapıyorum, heyecanlıyım.",
    "Topluluğumuzla birlikte bir hedefe ulaşmak istiyorum.",
    "Sorularınızı önceden yorumlara yazabilirsiniz.",
    "Yayının gelirinin bir kısmı hayvan barınağına bağışlanacak.",
};

const Words kEnglishMotivations = {
    "I'll be answering your questions live.",
    "Help me fund a new camera for better streams!",
    "Same time every week, let's learn together.",
    "My first live stream, be nice!",
    "We're raising money for a local animal shelter.",
    "Drop your questions in the chat before we start.",
    "Building this project in public, one stream at a time.",
};

const Words kTurkishChat = {
    "Merhaba herkese!",
    "Selamlar, nereden izliyorsunuz?",
    "Harika bir yayın olmuş",
    "Sesiniz biraz kısık geliyor",
    "Şimdi geldim, ne kaçırdım?",
    "Çok teşekkürler, çok faydalı oldu",
    "Bunu mutlaka deneyeceğim",
    "Görüntü dondu mu, bende mi sorun var?",
    "Ekran biraz karanlık",
    "Bir dahaki yayın ne zaman?",
    "Süper anlatım",
    "Kayıt sonradan izlenebilecek mi?",
    "İzmir'den selamlar",
    "Ankara'dan selamlar",
    "İstanbul'dan izliyorum",
    "Bunu tekrar gösterebilir misiniz?",
    "Hangi ekipmanı kullanıyorsunuz?",
    "Efsane!",
    "Çok güzel",
    "Katılıyorum",
    "Aynen öyle",
    "Soru: yeni başlayanlar nereden başlamalı?",
    "Bir hediye gönderdim 🎁",
    "Keşke daha uzun sürse",
    "Arka plandaki müzik ne?",
    "Takip ettim, emeğinize sağlık",
    "Bugün çok kalabalığız 😄",
    "Ses geldi artık, teşekkürler",
    "Adım adım anlatmanız çok iyi",
    "Kahvemi aldım geldim ☕",
    "Bursa'dan selamlar, ilk kez izliyorum",
    "Bu kısmı biraz daha yavaş anlatır mısınız?",
};

const Words kEnglishChat = {
    "Hi everyone!",
    "Hello from London",
    "Greetings from Berlin",
    "This is so helpful, thank you",
    "Can you repeat that last part?",
    "Audio is a bit low",
    "Just joined, what did I miss?",
    "Love this stream",
    "Is the stream lagging for anyone else?",
    "What camera are you using?",
    "Will there be a replay?",
    "Amazing work",
    "First time here, this is great",
    "Can you zoom in a bit?",
    "When is the next stream?",
    "Question: how long did it take you to learn this?",
    "Sent a gift 🎁",
    "So relaxing to watch",
    "This chat is busy today 😄",
    "Following now!",
    "lol",
    "Agreed",
    "Same here",
    "That was awesome",
    "Greetings from Toronto",
    "Could you share the link?",
    "Loving the vibe",
    "Can't wait to try this",
    "Thanks for doing this every week",
    "Good evening from Istanbul",
    "Is it okay for complete beginners?",
    "The sound is perfect now",
};

const Words kTurkishCreatorChat = {
    "Hoş geldiniz! Birkaç dakika içinde başlıyoruz",
    "Herkese merhaba, sesim geliyor mu?",
    "Sorularınızı sohbetten yazabilirsiniz",
    "Birazdan kısa bir ara vereceğim",
    "Hediyeler için çok teşekkürler ❤️",
    "Bir sonraki yayında görüşmek üzere",
    "Şimdi en sevdiğim kısma geçiyoruz",
    "Kayıt yayından sonra profilimde olacak",
    "Bugün çok kalabalığız, hoş geldiniz!",
};

const Words kEnglishCreatorChat = {
    "Welcome everyone! We'll start in a minute",
    "Hi all, can you hear me okay?",
    "Drop your questions in the chat",
    "Taking a short break in a moment",
    "Thank you so much for the gifts ❤️",
    "See you all next stream",
    "Now for my favourite part",
    "The replay will be on my profile afterwards",
    "Wow, so many of you today, welcome!",
};

const Words kTurkishReplies = {
    "teşekkürler!",
    "güzel soru, birazdan değineceğim",
    "hoş geldin!",
    "evet, kayıt olacak",
    "aynen öyle",
    "bir sonraki yayında göstereceğim",
    "sesini duydum, sağ ol",
};

const Words kEnglishReplies = {
    "thanks!",          "great question, I'll get to it in a sec",
    "welcome!",         "yes, there will be a replay",
    "exactly",          "I'll show that next time",
    "glad you're here",
};

const Words kTurkishFundingTitles = {
    "Yeni kondansatör mikrofon",  "Stüdyo kirası",           "Yeni kamera", "Işık seti",
    "Ortak tarif kitabı baskısı", "Hayvan barınağına bağış", "Yeni gitar",  "Konser salonu kirası",
};

const Words kEnglishFundingTitles = {
    "New microphone",   "Studio rent",      "Better lighting", "New camera lens",
    "Charity donation", "Community meetup", "Art supplies",    "Travel costs",
};

const Words kTurkishTitleSuffixes = {" (Bölüm %d)", " #%d", " - Canlı", ": Soru-Cevap"};
const Words kEnglishTitleSuffixes = {" (Part %d)", " #%d", " - Live", ": Q&A"};

const Language kTurkish = {kTurkishFirstNames,  kTurkishSurnames,      kTurkishExpertise,
                           kTurkishMotivations, kTurkishChat,          kTurkishCreatorChat,
                           kTurkishReplies,     kTurkishFundingTitles, kTurkishTitleSuffixes};
const Language kEnglish = {kEnglishFirstNames,  kEnglishSurnames,      kEnglishExpertise,
                           kEnglishMotivations, kEnglishChat,          kEnglishCreatorChat,
                           kEnglishReplies,     kEnglishFundingTitles, kEnglishTitleSuffixes};

}  // namespace

const Language& language(bool turkish) {
  return turkish ? kTurkish : kEnglish;
}

const std::vector<Interest> kInterests = {
    {"music",
     {"Akşam Akustik Oturumu: İstekleri Çalıyorum", "Gitar Dersi: İlk Akorlar ve Ritim",
      "Türk Halk Müziği Gecesi", "Piyano Başında Caz Standartları", "Bağlama ile Türküler"},
     {"Acoustic Requests Night", "Beat Making From Scratch", "Sunday Jazz Standards at the Piano",
      "Learn Your First Five Chords"}},
    {"cooking",
     {"Cuma Mutfağı: Üç Şef, Bir Sofra", "Osmanlı Saray Mutfağı: Unutulmuş Tatlılar",
      "Ev Yapımı Mantı Atölyesi", "Zeytinyağlılar: Annemin Tarifleri"},
     {"Sourdough Basics: Your First Loaf", "Weeknight Pasta in 20 Minutes",
      "Street Food Around the World", "Baking Croissants Live"}},
    {"technology",
     {"Python ile Veri Analizine Giriş", "Sıfırdan Mobil Uygulama Geliştirme",
      "Yapay Zekâ Sohbetleri: Sorularınızı Yanıtlıyorum", "Linux Komut Satırı Püf Noktaları"},
     {"Live Coding: Building a REST API in Modern C++", "Design Systems Q&A: From Figma to Code",
      "Debugging Production Incidents", "Intro to Rust for C++ Developers"}},
    {"fitness",
     {"Öğle Arası 30 Dakika HIIT", "Başlangıç Seviyesi Yoga Akışı",
      "Sabah Esneme ve Nefes Egzersizleri", "Evde Ekipmansız Kuvvet Antrenmanı"},
     {"Morning Mobility Flow", "Full Body Workout, No Equipment", "Pilates Core Session",
      "Running Form Clinic"}},
    {"art",
     {"Suluboya Atölyesi: Boğaz'da Gün Batımı", "Ebru Sanatına Giriş", "Karakalem Portre Çalışması",
      "Seramik Tornasında İlk Adımlar"},
     {"Portfolio Review Night: Your Work, Live Feedback", "Digital Illustration Speedpaint",
      "Oil Painting: Light and Shadow", "Sketchbook Sunday"}},
    {"education",
     {"YKS Matematik Soru Çözümü", "İngilizce Konuşma Pratiği",
      "Tarih Sohbetleri: İstanbul'un Fethi", "Kodlamaya Giriş: Çocuklar İçin Scratch"},
     {"SAT Math Problem Solving", "Spanish for Beginners", "How Vaccines Work, Explained",
      "Study With Me: Pomodoro Session"}},
    {"gaming",
     {"Retro Oyun Maratonu: 90'ların Klasikleri", "Rekabetçi Valorant Maçları",
      "Minecraft'ta Şehir Kuruyoruz", "Yeni Çıkan Oyunlara İlk Bakış"},
     {"Speedrun Attempts: Any% Practice", "Chill Farming Sim Stream", "Ranked Grind to Diamond",
      "Indie Game Showcase"}},
    {"travel",
     {"Kapadokya'dan Canlı: Balon Sabahı", "Karadeniz Yaylalarında Bir Gün",
      "Bütçe Dostu Avrupa Gezisi İpuçları", "Mardin Sokaklarında Yürüyüş"},
     {"Backpacking Southeast Asia Q&A", "Tokyo Night Walk", "Road Trip Planning Live",
      "Hidden Gems of Lisbon"}},
    {"photography",
     {"Telefonla Profesyonel Fotoğraf", "Işık Kullanımı: Portre Fotoğrafçılığı",
      "Lightroom ile Renk Düzenleme", "Gece Fotoğrafçılığı Sohbeti"},
     {"Street Photography Walk: Istanbul Edition", "Editing Your Photos Live",
      "Film Photography Basics", "Portrait Lighting on a Budget"}},
    {"dance",
     {"Latin Dans Temelleri: Salsa'ya İlk Adım", "Halay ve Horon Atölyesi",
      "Modern Dans Koreografisi", "Tango Gecesi"},
     {"Hip-Hop Choreography Class", "Ballet Barre for Adults", "Bachata Basics",
      "K-Pop Dance Cover Practice"}},
    {"lifestyle",
     {"Pazar Sohbeti: Sorularınızı Bekliyorum", "Minimalist Yaşam Üzerine",
      "Kahve Demleme Yöntemleri", "Bitki Bakımı Rehberi"},
     {"Ask Me Anything: Sunday Edition", "Morning Routine and Productivity",
      "Coffee Brewing Masterclass", "Houseplant Care 101"}},
};

const std::vector<ContactTopic> kTurkishContactTopics = {
    {"Kredi yüklendi ama hesaba yansımadı",
     "Merhaba, dün akşam kredi satın aldım, kartımdan çekildi ama hesabımda görünmüyor. Dekontu "
     "ekleyebilirim."},
    {"Yayın donuyor",
     "Akşam saatlerinde izlediğim yayınlar sürekli donuyor. Uygulamayı yeniden kurdum ama "
     "düzelmedi."},
    {"Hesabımı silmek istiyorum",
     "Merhaba, hesabımın ve tüm verilerimin KVKK kapsamında silinmesini talep ediyorum."},
    {"Yayıncı başvurusu",
     "Canlı yayın yapabilmek için hesabımın yetkilendirilmesini rica ediyorum."},
    {"Tekrar izleme ücreti iadesi",
     "Kiraladığım tekrar yayını açılmadı, ücretin iadesini rica ederim."},
    {"Şifremi unuttum",
     "Şifre sıfırlama e-postası bana ulaşmıyor, gereksiz klasörünü de kontrol ettim."},
};

const std::vector<ContactTopic> kEnglishContactTopics = {
    {"Partnership inquiry",
     "Hi, I run a small music school and would love to discuss a partnership for live lessons on "
     "your platform."},
    {"Refund request",
     "I was charged twice for the same replay rental. Could you refund one of the charges?"},
    {"Bug report: chat not loading",
     "The chat panel stays empty on my Android phone even though others are chatting."},
    {"Account verification",
     "How long does creator verification usually take? I applied last week."},
    {"Feature request",
     "It would be great to schedule recurring streams instead of creating each one by hand."},
    {"Press inquiry",
     "I'm writing an article about live-streaming platforms and would like to ask a few "
     "questions."},
};

const std::vector<GiftTypeSpec> kGiftTypes = {
    {"Gül", "gul", 1, true, 35},
    {"Kalp", "kalp", 5, true, 25},
    {"Alkış", "alkis", 10, true, 18},
    {"Roket", "roket", 50, true, 8},
    {"Taç", "tac", 100, true, 5},
    {"Elmas", "elmas", 250, true, 2},
    {"Kar Tanesi", "kar-tanesi", 15, false, 4},
    {"Havai Fişek", "havai-fisek", 75, false, 3},
};

const Words kEmoji = {"🔥", "👏", "❤️", "😂", "😍", "🙌", "👍", "🎉"};

const Words kEmailDomains = {"example.com", "example.org", "example.net", "mail.example.com"};

const Words kUserAgents = {
    "LiveStreamApp/3.4.1 (iOS 17.5; iPhone15,2)",
    "LiveStreamApp/3.4.0 (Android 14; Pixel 8)",
    "LiveStreamApp/3.3.2 (Android 13; SM-S911B)",
    "Mozilla/5.0 (X11; Linux x86_64; rv:131.0) Gecko/20100101 Firefox/131.0",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.5 Safari/605.1.15",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/130.0.0.0 Safari/537.36",
};

}  // namespace lsm::gen
