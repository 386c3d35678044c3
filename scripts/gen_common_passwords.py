#!/usr/bin/python3
"""Writes data/common-passwords.txt: passwords people commonly choose, for the staff password check.

No breach corpus is downloaded: the list is generated from the patterns that dominate published analyses of
leaked passwords — common words and names (English and Japanese romaji), keyboard walks, digit runs, dates and
years, and those joined with the usual digit and symbol endings. The server also strips digits and symbols from
both ends before looking a password up, so the base words here cover their many suffixed forms too.
Deterministic: running it again gives the same file.

    /usr/bin/python3 scripts/gen_common_passwords.py > data/common-passwords.txt
"""

WORDS = """
password passw0rd p@ssword p@ssw0rd pass secret letmein welcome welcome1 admin administrator root login master
qwerty qwertz azerty abc abcd abcdef abcdefg abcdefgh abcdefghijklm iloveyou loveyou love lover trustno1 default
dragon monkey shadow sunshine princess football baseball soccer basketball hockey tennis golf superman batman
spiderman starwars pokemon pikachu naruto doraemon totoro gundam sakura hello hellokitty kitty michael jennifer
jordan ashley jessica charlie daniel thomas robert matthew andrew joshua george william hunter ranger buster tigger
freedom whatever nothing computer internet google facebook twitter instagram youtube microsoft apple samsung
iphone android linux windows office summer winter spring autumn monday friday sunday january february march april
june july august september october november december flower orange banana cherry strawberry chocolate cookie
coffee cheese pepper ginger butter honey sugar angel angels blessed jesus christ heaven family friends friend
forever together happy smile lucky money dollar diamond golden silver killer hacker ninja samurai tokyo osaka
kyoto japan nippon nihon yokohama nagoya sapporo fukuoka kobe hiroshima sendai okinawa ramen sushi tanuki neko inu
kawaii arigato arigatou konnichiwa sayonara aishiteru daisuki ganbare ganbatte himitsu anata watashi boku
hospital doctor nurse ecmo medical health clinic kenshu training seminar ventilator jinkou kokyuuki icu
letmeinnow changeme changeit temppass temp1234 guest user test testing tester sample example demo qazwsx
zaq12wsx 1qaz2wsx 1q2w3e4r 1q2w3e 1qazxsw2 qweasd qweasdzxc asdfgh asdfghjkl zxcvbnm zxcvbn qwertyuiop
qwertyuiopasdfghjkl poiuytrewq mnbvcxz lkjhgfdsa passpass loveme iloveme iloveu mypassword mysecret password1
password123 password1234 qwerty123 abc123 admin123 welcome123 letmein123 monkey123 dragon123 master123
correcthorsebatterystaple correcthorse batterystaple thequickbrownfox thequickbrownfoxjumpsoverthelazydog
opensesame openup mustang ferrari porsche toyota honda nissan mercedes yankees liverpool chelsea arsenal barcelona
manchester realmadrid juventus cowboys steelers eagles lakers warriors giants tigers dodgers marlboro harley
heineken guinness pepsi cocacola nintendo playstation xbox minecraft fortnite roblox zelda mario sonic pacman
matrix gandalf frodo hobbit voldemort harrypotter hogwarts sherlock pokemongo onepiece dragonball bleach
evangelion conan anpanman kimetsu attackontitan
""".split()

KEYBOARD_WALKS = """
qwertyuiop asdfghjkl zxcvbnm qwertyuiopasdfghjklzxcvbnm 1qaz2wsx3edc 1qaz2wsx3edc4rfv qazwsxedcrfv
qazwsxedcrfvtgb zaq1xsw2cde3 zaq12wsxcde3 1q2w3e4r5t6y 1q2w3e4r5t6y7u 1q2w3e4r5t 1234qwerasdf 1234qwerasdfzxcv
qwer1234asdf qweasdzxc123 qweasdzxc1234 asdfqwerzxcv poiuytrewqlkj mnbvcxzlkjhgf 0987654321qwe !qaz@wsx#edc
!qaz2wsx3edc 1qazxsw23edc qwertyasdfgh asdfghqwerty qwerasdfzxcv qawsedrftgyh qawsedrftgyhujikolp
""".split()

DIGIT_RUNS = [
    "1234567890123", "12345678901234", "123456789012345", "1234567890qwerty", "0123456789012", "9876543210987",
    "1111111111111", "0000000000000", "1212121212121", "1231231231231", "1234512345123", "1122334455667",
    "1357913579135", "2468024680246", "1234567891011", "12345678910111213", "9999999999999", "1010101010101",
]

LEET = str.maketrans({"a": "@", "o": "0", "e": "3", "i": "1", "s": "$"})


def variants(word):
    """The forms people derive from a word. Appended digits and symbols are not listed: the check strips them."""
    yield word
    yield word + word
    yield word[::-1]
    yield word.translate(LEET)
    yield word.replace("o", "0")
    yield word.replace("a", "@")


def main():
    out = set()
    for w in WORDS + KEYBOARD_WALKS:
        out.add(w.lower())
    out.update(DIGIT_RUNS)
    for w in WORDS + KEYBOARD_WALKS:
        out.update(v.lower() for v in variants(w))
    # Two common words together ("ilovesakura", "sunshinedragon"): only the long combinations matter.
    short = [w for w in WORDS if 4 <= len(w) <= 8][:110]
    for a in short:
        for b in short:
            if a != b and len(a) + len(b) >= 13:
                out.add(a + b)
    for w in WORDS:
        out.add("ilove" + w)
        out.add("iloveyou" + w)
        out.add("my" + w + "password")
    # Dates as people type them: yyyymmdd and ddmmyyyy run-ons.
    for y in range(1960, 2031, 3):
        for m in (1, 4, 7, 10, 12):
            out.add(f"{y}{m:02d}01{y}")
    lines = sorted(x for x in out if x)
    print("# Common passwords (generated by scripts/gen_common_passwords.py; see its header). One per line, lower case.")
    for line in lines:
        print(line)


if __name__ == "__main__":
    main()
