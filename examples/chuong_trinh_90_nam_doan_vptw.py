"""Chương trình of Đoàn Văn phòng Trung ương Đảng (2021), built with the Python API.

The same document as ``chuong_trinh_90_nam_doan_vptw.yaml``, written with the
English field names, in the Đoàn profile. The purpose, form, time, place,
participants and the items of the programme are those of the published programme
(http://doanvptw.dcs.vn/index.php/thong-tin-hot-dng/phong-trao/4768-k-ho-ch-chuong-trinh-t-ch-c-l-k-ni-m-90-nam-ngay-thanh-l-p-doan-tncs-h-chi-minh-26-3-1931-26-3-2021);
the parent body, number, date, recipients and signer are illustrative. Run it
from any directory; it writes ``chuong-trinh-90-nam-doan-vptw.docx`` there:

    python3 chuong_trinh_90_nam_doan_vptw.py
"""

from datetime import date

from vanban import ChuongTrinh, Issuer, NumberedParagraph, Paragraph, Recipient, Section, Signer, Slot, render


def build() -> ChuongTrinh:
    """The programme: two numbered parts, then the timetable under "3. Nội dung chương trình:"."""
    return ChuongTrinh(
        issuer=Issuer(parent=["Đoàn Khối các cơ quan", "Trung ương"],  # illustrative
                      name=["BCH Đoàn Văn phòng", "Trung ương Đảng"], code="ĐTN"),
        number=15,  # illustrative
        place="Hà Nội",
        date=date(2021, 3, 15),  # illustrative
        title="Tổ chức Lễ kỷ niệm 90 năm Ngày thành lập Đoàn TNCS Hồ Chí Minh (26/3/1931 - 26/3/2021)",
        section_numbering="so",
        content=[
            Section(title="Mục đích, yêu cầu", children=[Paragraph(
                text="Lễ kỷ niệm là đợt sinh hoạt chính trị sâu rộng; gặp gỡ, giao lưu, biểu dương, tôn vinh "
                     "những tập thể, cá nhân tiêu biểu trong công tác Đoàn, phong trào Thanh niên nhân kỷ niệm "
                     "90 năm Ngày thành lập Đoàn TNCS Hồ Chí Minh.")]),
            Section(title="Hình thức, thời gian, địa điểm, thành phần", children=[
                NumberedParagraph(numbered="Hình thức: Lễ kỷ niệm tổ chức trực tuyến tại 3 điểm cầu: Hà Nội - "
                                           "Đà Nẵng - TP. Hồ Chí Minh."),
                NumberedParagraph(numbered="Thời gian: 9 giờ, thứ Sáu, ngày 26/3/2021."),
                NumberedParagraph(numbered="Địa điểm: Hội trường tầng 3 nhà 2, số 1A Hùng Vương, Ba Đình, Hà Nội."),
                NumberedParagraph(numbered="Thành phần: Đại biểu khách mời và đại biểu đoàn viên thanh niên"),
            ]),
            Section(title="Nội dung chương trình:"),
        ],
        schedule=[
            Slot(time="9 giờ", item="Văn nghệ chào mừng."),
            Slot(item="Chào cờ, tuyên bố lý do, giới thiệu đại biểu."),
            Slot(item="Diễn văn ôn lại truyền thống của Đoàn TNCS Hồ Chí Minh."),
            Slot(item='Trao Kỷ niệm chương "Vì thế hệ trẻ" cho các đồng chí lãnh đạo và cán bộ đoàn.'),
            Slot(item="Trao khen thưởng tập thể, cá nhân năm 2020."),
            Slot(item="Giao lưu, phát biểu tại Lễ kỷ niệm của lãnh đạo Văn phòng Trung ương và cán bộ, cựu cán "
                      "bộ đoàn."),
            Slot(time="11 giờ 30 phút", item="Kết thúc chương trình."),
        ],
        recipients=[Recipient(name="Đảng ủy Văn phòng Trung ương", purpose="để b/c"),  # illustrative
                    Recipient(name="Các chi đoàn trực thuộc")],
        archive="VP",
        signer=Signer(authority="TM.", on_behalf_of="Ban Chấp hành Đoàn", position="Bí thư",
                      name="Nguyễn Văn An"),  # illustrative
    )


if __name__ == "__main__":
    path = render(build(), "chuong-trinh-90-nam-doan-vptw.docx", overwrite=True)
    print(f"Đã tạo {path}")
