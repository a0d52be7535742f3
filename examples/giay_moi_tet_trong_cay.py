"""Giấy mời of Ủy ban nhân dân tỉnh Hải Dương (2018), built with the Python API.

The same document as ``giay_moi_tet_trong_cay.yaml``, written with the English
field names, in the State profile (NĐ 30 PL III Mẫu 1.7). The opening, the list
of those invited, the event, time, place and last line are those of the published
invitation (http://vpubnd.haiduong.gov.vn/Modules/Article/ArticlePrint.aspx?ArticleID=27440);
the number, date, recipients and signer are illustrative. Run it from any
directory; it writes ``giay-moi-tet-trong-cay.docx`` there:

    python3 giay_moi_tet_trong_cay.py
"""

from datetime import date

from vanban import GiayMoi, Issuer, Recipient, Signer, Start, render

EVENT = "Lễ phát động “Tết trồng cây đời đời nhớ ơn Bác Hồ” Xuân Mậu Tuất 2018"
NATION = "Nước Cộng hòa Xã hội Chủ nghĩa Việt Nam"


def build() -> GiayMoi:
    """The invitation: a list of those invited, so each stands on a "- " line."""
    return GiayMoi(
        profile="nha-nuoc",
        issuer=Issuer(name=["Ủy ban nhân dân", "tỉnh Hải Dương"], code="UBND"),
        number=15,  # illustrative
        place="Hải Dương",
        date=date(2018, 1, 30),  # illustrative
        title=f"Dự {EVENT}",
        opening=[
            "Hưởng ứng phong trào “Mùa xuân là Tết trồng cây” do Bác Hồ phát động; Ủy ban nhân dân tỉnh "
            f"Hải Dương tổ chức {EVENT}.",
        ],
        host="Ủy ban nhân dân tỉnh Hải Dương",
        invitee=[
            f"Đồng chí Nguyễn Thị Kim Ngân, Uỷ viên Bộ Chính trị, Chủ Tịch Quốc Hội {NATION};",
            "Thường trực Tổng liên đoàn lao động Việt Nam;",
            f"Văn phòng Quốc Hội {NATION[:1].lower()}{NATION[1:]};",
            "Một số cơ quan Trung ương;",
            "Các đồng chí Thường trực Tỉnh uỷ, Thường vụ Tỉnh uỷ;",
            "Lãnh đạo HĐND, UBND, Ủy ban MTTQ Việt Nam tỉnh;",
            "Lãnh đạo các Văn phòng: Tỉnh uỷ, HĐND, Đoàn Đại biểu Quốc hội, UBND tỉnh;",
            "Đại diện Lãnh đạo các sở, ban, ngành, các tổ chức chính trị xã hội;",
            "Bí thư, Chủ tịch UBND các huyện, thành phố, thị xã;",
            "Huyện uỷ, UBND huyện Cẩm Giàng, đại diện các phòng, ban, tổ chức đoàn thể của huyện; lãnh "
            "đạo Đảng uỷ, HĐND, UBMTTQ, UBND xã Cẩm Điền (do UBND huyện mời);",
            "Đại diện các cơ quan thông tấn báo chí trong và ngoài tỉnh.",
        ],
        event=EVENT,
        start=Start(clock="7h30", date=date(2018, 2, 6)),
        until="9 giờ 00 phút",
        venue="Tại Văn Miếu Mao Điền, huyện Cẩm Giàng",
        notes=["Kính mời các đại biểu về dự để buổi Lễ thành công tốt đẹp."],
        recipients=[Recipient(name="Như thành phần mời")],  # illustrative
        archive="VT, TH",  # illustrative
        signer=Signer(authority="TL.", on_behalf_of="Chủ tịch", position="Chánh Văn phòng",
                      name="Nguyễn Văn An"),  # illustrative
    )


if __name__ == "__main__":
    path = render(build(), "giay-moi-tet-trong-cay.docx", overwrite=True)
    print(f"Đã tạo {path}")
