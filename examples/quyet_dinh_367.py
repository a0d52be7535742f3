"""Quyết định 367-QĐ/TWĐTN-VP of the Ban Bí thư Trung ương Đoàn (2013), built with the Python API.

The same document as ``quyet_dinh_367.yaml``, written with the English field
names, in the Đoàn profile. The words, number, date, bases, articles, recipients
and signer are those of the published decision
(https://2mit.org/forum/threads/qui-dinh-ve-ban-hanh-van-ban-cua-doan.31554).
Run it from any directory; it writes ``quyet-dinh-367.docx`` there:

    python3 quyet_dinh_367.py
"""

from datetime import date

from vanban import Article, Issuer, QuyetDinh, Recipient, Signer, render

CENTRAL = "Ban Bí thư Trung ương Đoàn"


def build() -> QuyetDinh:
    """The decision: its last article is written as published, so no ``execution`` is given."""
    return QuyetDinh(
        issuer=Issuer(name=["Ban Chấp hành Trung ương"], code="TWĐTN"),
        drafting_unit="VP",
        number=367,
        place="Hà Nội",
        date=date(2013, 10, 29),
        title="Về việc ban hành Quy định về ban hành văn bản của Đoàn TNCS Hồ Chí Minh",
        authority="Ban Bí thư Trung ương Đoàn TNCS Hồ Chí Minh",
        bases=[
            "- Căn cứ Điều lệ Đoàn TNCS Hồ Chí Minh",
            "- Căn cứ Quy chế hoạt động của Ban Chấp hành Trung ương Đoàn TNCS Hồ Chí Minh khoá X, "
            "nhiệm kỳ 2012 - 2017 ban hành kèm theo Quyết định số 84 QĐ/TWĐTN ngày 22/02/2013 của "
            "Ban Chấp hành Trung ương Đoàn",
            "- Căn cứ Quy định về thể loại, thẩm quyền ban hành và thể thức văn bản của Đoàn ban hành "
            f"kèm theo Quyết định số 1836 QĐ/TWĐTN ngày 23/6/2006 của {CENTRAL}",
            "- Để thống nhất trong toàn hệ thống việc ban hành văn bản của Đoàn TNCS Hồ Chí Minh",
        ],
        articles=[
            Article(article="Ban hành kèm theo quyết định này Quy định về ban hành văn bản của Đoàn "
                            "TNCS Hồ Chí Minh."),
            Article(article=f"Quyết định này thay thế Quyết định số 1836 QĐ/TWĐTN ngày 23/6/2006 của "
                            f"{CENTRAL} về “Ban hành Quy định về thể loại, thẩm quyền ban hành và thể "
                            "thức văn bản của Đoàn”."),
            Article(article="Giao Văn phòng Trung ương Đoàn tham mưu hướng dẫn, kiểm tra, đôn đốc việc "
                            "thực hiện Quyết định này."),
            Article(article="Quyết định này có hiệu lực từ ngày ký. Các tỉnh, thành đoàn, đoàn trực "
                            "thuộc, các ban, đơn vị thuộc Trung ương Đoàn căn cứ Quyết định thi hành."),
        ],
        recipients=[
            Recipient(name="Như Điều 4"),
            Recipient(name="VP: CVP, PCVP, Các phòng, bộ phận thuộc VP"),
        ],
        archive="TH-TĐ10b, VT-LT",
        signer=Signer(authority="TM.", on_behalf_of=CENTRAL, position="Bí thư Thường trực",
                      name="Phan Văn Mãi"),
    )


if __name__ == "__main__":
    path = render(build(), "quyet-dinh-367.docx", overwrite=True)
    print(f"Đã tạo {path}")
