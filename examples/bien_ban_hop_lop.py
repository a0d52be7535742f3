"""Biên bản họp lớp of Lớp 5A, Trường Tiểu học Nguyễn Nghiêm (2017), built with the Python API.

The same document as ``bien_ban_hop_lop.yaml``, written with the English field
names, in the State profile (NĐ 30 PL III Mẫu 1.9: no number, no date line).
The time, place, participants, chair, secretary, content and conclusions are
those of the published minutes
(https://hocdot.com/ghi-lai-bien-ban-cuoc-hop-to-lop-hoac-chi-doi/q45924.htm);
the end time is illustrative. Run it from any directory; it writes
``bien-ban-hop-lop.docx`` there:

    python3 bien_ban_hop_lop.py
"""

from datetime import date

from vanban import BienBan, Bullet, Issuer, Moment, Paragraph, Person, Section, Start, render

PLAN = ("“giữ gìn vệ sinh môi trường lớp học và chăm sóc các bồn hoa, cây con trong vườn "
        "trường” do nhà trường phát động")


def bullets(*texts: str) -> list[Bullet]:
    return [Bullet(text=text) for text in texts]


def build() -> BienBan:
    """The minutes: the course of the meeting under "1.", its points a), b), c)."""
    return BienBan(
        profile="nha-nuoc",
        issuer=Issuer(name=["Lớp 5A", "Trường Tiểu học", "Nguyễn Nghiêm"]),
        number=False,
        title="Họp lớp",
        start=Start(clock="14 giờ", date=date(2017, 11, 10)),
        end=Moment(clock="15 giờ"),  # illustrative
        venue="Lớp 5A, Trường Tiểu học Nguyễn Nghiêm",
        participants=["Cô giáo: Phạm Thị Ngọc Diệp (chủ nhiệm lớp).", "Toàn thể các bạn học sinh lớp 5A."],
        chair=Person(name="Nguyễn Ngọc Duy", position="lớp trưởng"),
        secretary=Person(name="Phan Quỳnh Thư"),
        section_numbering="so",
        content=[
            Paragraph(text="Bàn kế hoạch “Giữ gìn vệ sinh môi trường lớp học và chăm sóc các bồn hoa, "
                           "cây con trong vườn trường” do nhà trường phát động."),
            Section(title="Diễn biến cuộc họp", children=[
                Section(title=f"Bạn Duy phổ biến kế hoạch {PLAN} và kế hoạch của lớp."),
                Section(title="Thảo luận", children=bullets(
                    "Bạn Thuý Diễm: Lớp ta phải quyết tâm giữ gìn vệ sinh trường lớp sạch sẽ, trang trí "
                    "lại lớp cho đẹp, cho đúng với quy cách của một lớp học mà nhà trường đã đề ra và đồng "
                    "thời hàng ngày lớp ta phải phân công tưới nước, bắt sâu, nhổ cỏ các bồn hoa và các cây "
                    "con theo khu vực đã phân công cho lớp mình để cây mau lớn và tươi đẹp.",
                    "Bạn Thanh Tùng: xung phong mang chổi quét trần nhà và mạng nhện.",
                    "Bạn Nam Đức và bạn Nam Thuật nhận dán lại các khẩu hiệu và sửa soạn lại các lọ hoa "
                    "trên tường.",
                    "Bạn Hà nhận làm lại bảng theo dõi thi đua của lớp.",
                    "Bạn Mai Hạ yêu cầu các tổ thay phiên nhau trực nhật, lau bàn ghế, cửa sổ, bảng đen.",
                    "Bạn Thanh Hà yêu cầu cả lớp phân công nhau tưới nước các bồn hoa và vườn cây con của "
                    "lớp mà trường phân công chăm sóc.",
                )),
                Section(title="Kết luận của cuộc họp", children=bullets(
                    "Toàn thể lớp sẽ tham gia làm vệ sinh lớp vào sáng ngày 14 tháng 10.",
                    "Hàng tuần các tổ phân công trực nhật và tưới nước các bồn hoa, vườn cây.",
                )),
            ]),
        ],
    )


if __name__ == "__main__":
    path = render(build(), "bien-ban-hop-lop.docx", overwrite=True)
    print(f"Đã tạo {path}")
